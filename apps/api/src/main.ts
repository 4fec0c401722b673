import { bootstrap } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';

try {
  await bootstrap(loadConfig());
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
