export * from './given.js';
export * from './events.js';
