export { EntitySloContent } from './EntitySloContent';
