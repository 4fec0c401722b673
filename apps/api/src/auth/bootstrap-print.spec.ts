import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { printBootstrapToken } from './access.service.js';

describe('the first-start announcement', () => {
  const written: string[] = [];
  const spy = () => jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (written.push(String(chunk)), true));
  afterEach(() => {
    jest.restoreAllMocks();
    written.length = 0;
  });

  it("prints the token and, when the page's address is known, the sign-in link carrying it in the fragment", () => {
    spy();
    printBootstrapToken('http://127.0.0.1:4000')({ token: 'aaa.bbb.ccc', tokenId: 't-1', expiresAt: '2027-01-01T00:00:00.000Z' });
    const text = written.join('');
    expect(text).toMatch(/shown ONCE[^\n]*\n\n {2}aaa\.bbb\.ccc\n/);
    expect(text).toContain('\n  http://127.0.0.1:4000/#token=aaa.bbb.ccc\n');
  });

  it('prints no link when the port is chosen at listen time', () => {
    spy();
    printBootstrapToken(undefined)({ token: 'aaa.bbb.ccc', tokenId: 't-1', expiresAt: '2027-01-01T00:00:00.000Z' });
    // Still the token itself, so an empty announcement cannot pass.
    expect(written.join('')).toMatch(/shown ONCE[^\n]*\n\n {2}aaa\.bbb\.ccc\n/);
    expect(written.join('')).not.toContain('#token=');
  });
});
