/** Writes schema.graphql from the code-first types (npm run schema); the e2e suite fails when the committed file differs. */
import { resolve } from 'node:path';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';

// A throwaway in-memory store: its first-start administrator token is of no use to anyone, so it is not printed.
const { app } = await bootstrap(loadConfig(process.env, { store: 'memory', port: 0, logLevel: 'silent', schemaFile: resolve('schema.graphql') }), undefined, {
  announceBootstrapToken: () => undefined,
});
await app.close();
console.log('schema.graphql written');
