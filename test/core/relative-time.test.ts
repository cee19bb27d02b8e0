// A post's age as the pages write it, in each language; kept per language, never crossing between them.
import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../src/core/time.js';

const now = Date.parse('2026-12-01T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000);

describe('relativeTime', () => {
  it('says the age in the reader’s language, the same each time it is asked', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(relativeTime(ago(3 * 3600), 'en', now)).toBe('3 hours ago');
      expect(relativeTime(ago(3 * 3600), 'sv', now)).toBe('för 3 timmar sedan');
      expect(relativeTime(ago(3 * 3600), 'da', now)).toBe('for 3 timer siden');
    }
  });

  it('picks the largest whole unit, and reads anything under a minute as now', () => {
    expect(relativeTime(ago(20), 'en', now)).toBe('now');
    expect(relativeTime(ago(59 * 60), 'en', now)).toBe('59 minutes ago');
    expect(relativeTime(ago(2 * 24 * 3600), 'en', now)).toBe('2 days ago');
    expect(relativeTime(ago(200 * 365 * 24 * 3600), 'en', now)).toBe('200 years ago');
    expect(relativeTime(ago(200 * 365 * 24 * 3600), 'sv', now)).toBe('för 200 år sedan');
  });
});
