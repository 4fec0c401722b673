import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

/** The error loadConfig stops with, or undefined. */
function failure(env: NodeJS.ProcessEnv): unknown {
  try {
    loadConfig(env);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('loadConfig: the event store settings', () => {
  it('keeps SQLite by default and needs no connection string for it', () => {
    expect(loadConfig({})).toMatchObject({ store: 'sqlite', eventStoreConnectionString: null });
    expect(loadConfig({ LIAISON_STORE: 'memory', EVENTSTORE_CONNECTION_STRING: 'ignored' })).toMatchObject({ store: 'memory', eventStoreConnectionString: null });
  });

  it('takes LIAISON_STORE=esdb with a connection string, adding nodePreference=leader', () => {
    expect(loadConfig({ LIAISON_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb://db-1:2113,db-2:2113,db-3:2113?tls=false' })).toMatchObject({
      store: 'esdb',
      eventStoreConnectionString: 'esdb://db-1:2113,db-2:2113,db-3:2113?tls=false&nodePreference=leader',
    });
  });

  it('stops at start with a ConfigError naming the setting when the store or its connection string is wrong', () => {
    expect(failure({ LIAISON_STORE: 'postgres' })).toMatchObject({ setting: 'LIAISON_STORE', message: 'LIAISON_STORE: "postgres" is not one of sqlite, memory, esdb' });
    expect(failure({ LIAISON_STORE: 'esdb' })).toMatchObject({ setting: 'EVENTSTORE_CONNECTION_STRING', message: expect.stringMatching(/^EVENTSTORE_CONNECTION_STRING: is required when LIAISON_STORE=esdb/) });
    expect(failure({ LIAISON_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb://db-1:2113?nodePreference=follower' })).toMatchObject({
      setting: 'EVENTSTORE_CONNECTION_STRING',
      message: expect.stringContaining('only nodePreference=leader is allowed'),
    });
    const malformed = failure({ LIAISON_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'http://admin:s3cret@db-1:2113' });
    expect(malformed).toBeInstanceOf(ConfigError);
    expect(malformed).toMatchObject({ setting: 'EVENTSTORE_CONNECTION_STRING' });
    // The message names the server but never repeats the password.
    expect((malformed as Error).message).not.toContain('s3cret');
  });
});

describe('loadConfig: the metrics listener', () => {
  it('serves no metrics unless a port is named, and binds to this machine by default', () => {
    expect(loadConfig({})).toMatchObject({ metricsPort: null, metricsHost: '127.0.0.1' });
    expect(loadConfig({ LIAISON_METRICS_PORT: '' })).toMatchObject({ metricsPort: null });
    expect(loadConfig({ LIAISON_METRICS_PORT: '9464' })).toMatchObject({ metricsPort: 9464, metricsHost: '127.0.0.1' });
    expect(loadConfig({ LIAISON_METRICS_PORT: '0', LIAISON_METRICS_HOST: '10.0.0.5' })).toMatchObject({ metricsPort: 0, metricsHost: '10.0.0.5' });
  });

  it('stops at start with a ConfigError naming the setting when the listener is wrong', () => {
    expect(failure({ LIAISON_METRICS_PORT: 'on' })).toMatchObject({ setting: 'LIAISON_METRICS_PORT', message: 'LIAISON_METRICS_PORT: "on" must be a whole number from 0 to 65535' });
    expect(failure({ LIAISON_METRICS_PORT: '70000' })).toBeInstanceOf(ConfigError);
    expect(failure({ LIAISON_METRICS_HOST: '0.0.0.0' })).toMatchObject({ setting: 'LIAISON_METRICS_HOST', message: expect.stringContaining('LIAISON_METRICS_PORT is not') });
    expect(failure({ LIAISON_METRICS_PORT: '4000' })).toMatchObject({ setting: 'LIAISON_METRICS_PORT', message: expect.stringContaining('is PORT too') });
    expect(failure({ PORT: '8080', LIAISON_METRICS_PORT: '8080' })).toMatchObject({ setting: 'LIAISON_METRICS_PORT' });
  });
});

describe('loadConfig: saved states (restart without replay)', () => {
  it('makes and reads none by default (0); an interval turns them on, beside the data file unless a folder is named', () => {
    expect(loadConfig({})).toMatchObject({ saveStateEverySeconds: 0, savedStateDir: null });
    expect(loadConfig({ LIAISON_SAVE_STATE_EVERY_SECONDS: '600' })).toMatchObject({ saveStateEverySeconds: 600 });
    expect(loadConfig({ LIAISON_SAVE_STATE_EVERY_SECONDS: '30', LIAISON_SAVED_STATE_DIR: '/var/lib/liaison/state' })).toMatchObject({ saveStateEverySeconds: 30, savedStateDir: '/var/lib/liaison/state' });
  });

  it('stops with a ConfigError on an interval that is not a whole number of seconds, or a folder for another store', () => {
    expect(failure({ LIAISON_SAVE_STATE_EVERY_SECONDS: '1.5' })).toMatchObject({ setting: 'LIAISON_SAVE_STATE_EVERY_SECONDS', message: 'LIAISON_SAVE_STATE_EVERY_SECONDS: "1.5" must be a whole number from 0 to 604800' });
    expect(failure({ LIAISON_SAVE_STATE_EVERY_SECONDS: '-1' })).toMatchObject({ setting: 'LIAISON_SAVE_STATE_EVERY_SECONDS' });
    expect(failure({ LIAISON_STORE: 'memory', LIAISON_SAVED_STATE_DIR: '/tmp/x' })).toMatchObject({ setting: 'LIAISON_SAVED_STATE_DIR', message: expect.stringMatching(/SQLite store only/) });
  });
});
