import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

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
    const failure = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (error) {
        return error;
      }
      return undefined;
    };

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
