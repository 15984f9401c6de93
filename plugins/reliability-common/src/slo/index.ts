export * from './definitionChanges';
export * from './urgency';
