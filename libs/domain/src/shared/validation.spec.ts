import { describe, expect, it } from '@jest/globals';
import { requireText } from './validation.js';

describe('requireText', () => {
  it('keeps Chinese, emoji (a surrogate pair) and line breaks as typed, trimmed', () => {
    expect(requireText('  格尔木新区 🏔\n第二行 ', 'topic', 100)).toBe('格尔木新区 🏔\n第二行');
  });

  it('refuses a NUL and a lone surrogate of either half with VALIDATION naming the field (issue 15, finding 8)', () => {
    for (const text of ['走访\u0000', '\uD83C走访', '走访\uDFD4', '\uDFD4\uD83C']) {
      expect(() => requireText(text, 'summary', 100)).toThrow(expect.objectContaining({ code: 'VALIDATION', field: 'summary', message: expect.stringContaining('lone surrogate') }));
    }
  });
});
