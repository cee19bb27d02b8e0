// Headers parsed once per distinct value: the same answers as parsing, within a bound.
import { describe, expect, it } from 'vitest';
import { memoizedByHeader } from '../../src/core/header-memo.js';
import { localeFromAcceptLanguage } from '../../src/core/i18n/index.js';

describe('memoizedByHeader', () => {
  it('parses a value once, and again only once the value has been pushed out by 500 others', () => {
    const parsed: string[] = [];
    const lengthOf = memoizedByHeader((value) => {
      parsed.push(value);
      return value.length;
    });
    expect(lengthOf('sv-SE,sv;q=0.9')).toBe(14);
    expect(lengthOf('sv-SE,sv;q=0.9')).toBe(14);
    expect(parsed).toEqual(['sv-SE,sv;q=0.9']);
    for (let i = 0; i < 500; i += 1) lengthOf(`value ${i}`);
    expect(lengthOf('sv-SE,sv;q=0.9')).toBe(14);
    expect(parsed.filter((value) => value === 'sv-SE,sv;q=0.9')).toHaveLength(2);
  });

  it('keeps no answer for a value longer than any browser sends', () => {
    let calls = 0;
    const parse = memoizedByHeader((value) => (calls += 1) && value.length);
    const long = 'x'.repeat(300);
    parse(long);
    parse(long);
    expect(calls).toBe(2);
  });

  it('gives the same locale for a header asked again, including none', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(localeFromAcceptLanguage('da-DK,da;q=0.9,en;q=0.5')).toBe('da');
      expect(localeFromAcceptLanguage('fr-FR,de;q=0.9')).toBeUndefined();
      expect(localeFromAcceptLanguage('nb-NO')).toBe('da');
    }
  });
});
