import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventStore } from '../../../libs/event-store/src/eventStore.js';
import { AppModule } from './app.module.js';
import { ApiConfig } from './config.js';
import { createLogger } from './common/logger.js';

/**
 * Builds and starts the API. Tests call this too (with NestFactory, not the testing module, so
 * the app they exercise is the one that ships).
 */
export async function bootstrap(config: ApiConfig, store?: EventStore): Promise<{ app: INestApplication; url: string }> {
  const logger = createLogger(config);
  const app = await NestFactory.create(AppModule.forRoot(config, logger, store), {
    logger: config.logLevel === 'silent' ? false : ['error', 'warn'],
  });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://${config.host}:${address.port}`;
  logger.info({ url: `${url}/graphql`, store: config.store, dataFile: config.store === 'sqlite' ? config.dataFile : undefined }, 'liaison network API listening');
  return { app, url };
}
