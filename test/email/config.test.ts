import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { tokenSigner } from '../../src/email/unsubscribe.js';
import { backoffMs, nextDigestAt } from '../../src/email/schedule.js';

describe('email configuration', () => {
  it('reads SMTP_URL (smtp:// or smtps://) and leaves email off without it', () => {
    expect(loadConfig({}).smtpUrl).toBeUndefined();
    expect(loadConfig({ SMTP_URL: ' ' }).smtpUrl).toBeUndefined();
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).smtpUrl?.href).toBe('smtp://127.0.0.1:2525');
    expect(loadConfig({ SMTP_URL: 'smtps://user:pass@mail.example.se' }).smtpUrl?.protocol).toBe('smtps:');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.se' })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL must be an absolute URL/);
  });

  it('reads SECRET_KEY, at least 32 characters, or leaves it to the database', () => {
    expect(loadConfig({}).secretKey).toBeUndefined();
    expect(loadConfig({ SECRET_KEY: 'x'.repeat(32) }).secretKey).toBe('x'.repeat(32));
    expect(() => loadConfig({ SECRET_KEY: 'short' })).toThrow(/SECRET_KEY must be at least 32 characters/);
  });
});

describe('unsubscribe tokens', () => {
  it('verify only as signed, with the same key', () => {
    const signer = tokenSigner('k'.repeat(32));
    const token = signer.sign(42);
    expect(signer.verify(token)).toBe(42);
    expect(signer.verify(token.replace(/^42/, '43'))).toBeNull();
    expect(signer.verify(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(signer.verify(token.slice(0, -2))).toBeNull();
    expect(signer.verify('')).toBeNull();
    expect(tokenSigner('o'.repeat(32)).verify(token)).toBeNull();
  });

  it('refuse another spelling of the same signature (the unused bits of its last base64url character)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const token = tokenSigner('k'.repeat(32)).sign(42);
    const last = alphabet.indexOf(token.at(-1)!);
    for (const other of [1, 2, 3]) expect(tokenSigner('k'.repeat(32)).verify(`${token.slice(0, -1)}${alphabet[last + other]}`)).toBeNull();
  });
});

describe('the email schedule', () => {
  it('sends digests at the next 07:00 in Stockholm, summer and winter', () => {
    // 2026-11-23 05:59 UTC is 06:59 in Stockholm (CET): the same morning, at 06:00 UTC.
    expect(nextDigestAt(new Date('2026-11-23T05:59:00Z'), 'Europe/Stockholm').toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(nextDigestAt(new Date('2026-11-23T06:00:00Z'), 'Europe/Stockholm').toISOString()).toBe('2026-11-24T06:00:00.000Z');
    // Summer (CEST): 07:00 is 05:00 UTC.
    expect(nextDigestAt(new Date('2026-07-01T12:00:00Z'), 'Europe/Stockholm').toISOString()).toBe('2026-07-02T05:00:00.000Z');
    // The night summer time starts (29 March 2026): 07:00 CEST.
    expect(nextDigestAt(new Date('2026-03-28T23:30:00Z'), 'Europe/Stockholm').toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });

  it('sends digests in the morning of the forum\u2019s own time zone (TIME_ZONE)', () => {
    // 07:00 in New York in November (EST) is 12:00 UTC.
    expect(nextDigestAt(new Date('2026-11-23T05:59:00Z'), 'America/New_York').toISOString()).toBe('2026-11-23T12:00:00.000Z');
  });

  it('backs off exponentially up to a ceiling', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000]);
  });
});
