import { bootstrap, shutdown } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';

try {
  const { app } = await bootstrap(loadConfig());
  // SIGTERM (and Ctrl-C): stop accepting, answer every accepted request, close the store, exit 0.
  // A second signal while draining is ignored; the drain itself is bounded (see shutdown).
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    shutdown(app).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`error while stopping on ${signal}:`, error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
