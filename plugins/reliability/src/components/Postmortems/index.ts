export { EntityPostmortems } from './EntityPostmortems';
