export { EntityTeamReliabilityCard } from './EntityTeamReliabilityCard';
