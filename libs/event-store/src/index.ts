// The library's public surface. `contract.ts` is left out on purpose: it imports the test runner
// and belongs to adapter specs only (import it by path from there).
export * from './eventStore.js';
export * from './catchUp.js';
export * from './inMemory.js';
export * from './sqlite.js';
export * from './esdb.js';
export * from './handleCommand.js';
export * from './eventId.js';
