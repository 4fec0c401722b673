/** `--help` and `-h` as an operator types them: alone, or after any command. The compiled CLI. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { cli, ensureBuilt } from './support/compiled.js';

const USAGE = 'usage: node dist/apps/cli/src/main.js <command> [options]';

describe('CLI help (compiled)', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('prints the whole usage on stdout and exits 0 for help, --help and -h', () => {
    for (const args of [['help'], ['--help'], ['-h']]) {
      const run = cli(...args);
      expect([args, run.status, run.stderr]).toEqual([args, 0, '']);
      expect(run.stdout.startsWith(USAGE)).toBe(true);
      for (const command of ['import', 'rebuild', 'migrate', 'verify', 'export', 'import-log', 'replay', 'backup', 'restore']) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });

  it("prints a command's own usage for COMMAND --help, COMMAND -h and help COMMAND, even without the options it needs", () => {
    for (const args of [['import', '--help'], ['import', '-h'], ['help', 'import'], ['import', '--dir', 'x', '--help']]) {
      const run = cli(...args);
      expect([args, run.status, run.stderr]).toEqual([args, 0, '']);
      expect(run.stdout.split('\n')[0]).toBe('usage: node dist/apps/cli/src/main.js import --dir DIR | --file BOOK.xlsx [--encoding auto|utf8|gbk] [--db FILE] [--dry-run] [--actor NAME]');
      expect(run.stdout).toContain('write all of them in one transaction, or none');
    }
    const restore = cli('restore', '-h');
    expect([restore.status, restore.stdout.split('\n')[0]]).toEqual([0, 'usage: node dist/apps/cli/src/main.js restore --from FILE [--db FILE] [--force]']);
    expect(cli('backup', '--help').stdout).toContain('the JWT secret is not in it');
  });

  it('still answers bad usage with exit 2', () => {
    for (const args of [['--bogus'], ['import', '--bogus'], ['help', 'frobnicate'], ['help', 'import', 'extra']]) {
      const run = cli(...args);
      expect([args, run.status]).toEqual([args, 2]);
      expect(run.stderr).toContain(USAGE);
    }
  });
});
