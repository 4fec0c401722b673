/** A setting that stops the start (or a CLI command): names the setting and says how to mend it. */
export class ConfigError extends Error {
  constructor(readonly setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}
