export * from './definitionChanges';
