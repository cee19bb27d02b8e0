import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('applies the defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: new URL('http://localhost:3000'),
      databaseUrl: undefined,
      dataDir: './data',
      forumName: 'Bryggan',
      defaultLocale: 'sv',
      trustProxy: false,
      rateLimits: true,
      adminEmails: undefined,
      threadDisplayDepth: 5,
      logLevel: 'info',
      timeZone: 'Europe/Stockholm',
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 10_000,
      idleInTransactionTimeoutMs: 30_000,
    });
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ PORT: '', PUBLIC_URL: '', DATABASE_URL: ' ', DEFAULT_LOCALE: '', RATE_LIMITS: '', ADMIN_EMAILS: ' ' });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.defaultLocale).toBe('sv');
    expect(config.rateLimits).toBe(true);
    expect(config.adminEmails).toBeUndefined();
  });

  it('derives PUBLIC_URL from PORT when it is not given', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl.href).toBe('http://localhost:8080/');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '4000',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://forum.example.se',
      DATABASE_URL: 'postgres://bryggan:secret@db:5432/bryggan',
      DATA_DIR: 'memory://',
      FORUM_NAME: 'Bryggan Höga Kusten',
      DEFAULT_LOCALE: 'en',
      TRUST_PROXY: '2',
      RATE_LIMITS: 'off',
      ADMIN_EMAILS: ' Chief@Example.se , second@example.se,',
      THREAD_DISPLAY_DEPTH: '8',
      LOG_LEVEL: 'warn',
      TIME_ZONE: 'europe/copenhagen',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_STATEMENT_TIMEOUT_MS: '30000',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '60000',
    });
    expect(config.port).toBe(4000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.publicUrl.origin).toBe('https://forum.example.se');
    expect(config.databaseUrl).toBe('postgres://bryggan:secret@db:5432/bryggan');
    expect(config.dataDir).toBe('memory://');
    expect(config.forumName).toBe('Bryggan Höga Kusten');
    expect(config.defaultLocale).toBe('en');
    expect(config.trustProxy).toBe(2);
    expect(config.rateLimits).toBe(false);
    expect([...config.adminEmails!]).toEqual(['chief@example.se', 'second@example.se']);
    expect(config.threadDisplayDepth).toBe(8);
    expect(config.logLevel).toBe('warn');
    expect(config.timeZone).toBe('Europe/Copenhagen');
    expect([config.connectTimeoutMs, config.statementTimeoutMs, config.idleInTransactionTimeoutMs]).toEqual([2_000, 30_000, 60_000]);
  });

  it('refuses a TIME_ZONE Node does not know', () => {
    expect(() => loadConfig({ TIME_ZONE: 'Europe/Skarvik' })).toThrow(/TIME_ZONE must be an IANA time zone/);
  });

  it.each(['0', '-1', 'soon', '1.5'])('refuses DATABASE_STATEMENT_TIMEOUT_MS=%s with a clear message', (raw) => {
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: raw })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS must be a whole number from 100/);
  });

  it.each([
    ['on', true],
    ['ON', true],
    ['1', true],
    ['yes', true],
    ['off', false],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('reads RATE_LIMITS=%s as %s', (raw, expected) => {
    expect(loadConfig({ RATE_LIMITS: raw }).rateLimits).toBe(expected);
  });

  it.each([
    ['off', false],
    ['FALSE', false],
    ['no', false],
    ['0', false],
    ['1', 1],
    ['3', 3],
    ['10.0.0.1', ['10.0.0.1']],
    [' 10.0.0.0/8 , 192.168.1.5,::1,fd00::/8 ', ['10.0.0.0/8', '192.168.1.5', '::1', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s as %j', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it('compares ADMIN_EMAILS trimmed, NFKC-normalised and lower-cased', () => {
    expect([...loadConfig({ ADMIN_EMAILS: ' BOSS@Example.se ,ｃｈｉｅｆ@example.se' }).adminEmails!]).toEqual(['boss@example.se', 'chief@example.se']);
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number from 0 to 65535, got "abc"/],
    ['PORT', '70000', /PORT must be a whole number/],
    ['PORT', '30.5', /PORT must be a whole number/],
    ['DEFAULT_LOCALE', 'fr', /DEFAULT_LOCALE must be one of sv, en, da, got "fr"/],
    ['PUBLIC_URL', 'notaurl', /PUBLIC_URL must be an absolute URL, got "notaurl"/],
    ['PUBLIC_URL', 'ftp://forum.example', /PUBLIC_URL must start with http:\/\/ or https:\/\//],
    ['RATE_LIMITS', 'maybe', /RATE_LIMITS must be on or off \(true\/false\), got "maybe"/],
    ['TRUST_PROXY', 'true', /TRUST_PROXY=true would trust every hop.*TRUST_PROXY=1/],
    ['TRUST_PROXY', 'on', /TRUST_PROXY=on would trust every hop/],
    [
      'TRUST_PROXY',
      'sometimes',
      /TRUST_PROXY must be off, a number of proxy hops or comma-separated proxy addresses \(IP or CIDR\), "sometimes" is none of these/,
    ],
    ['TRUST_PROXY', '10.0.0.0/33', /TRUST_PROXY must be .*"10.0.0.0\/33"/],
    ['TRUST_PROXY', '10.0.0.1, proxy.internal', /TRUST_PROXY must be .*"proxy.internal"/],
    ['TRUST_PROXY', '101', /TRUST_PROXY must be a whole number from 1 to 100, got "101"/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//],
    ['DATABASE_URL', 'localhost:5432', /DATABASE_URL must/],
    ['ADMIN_EMAILS', 'chief@example.se, not-an-address', /ADMIN_EMAILS .*"not-an-address"/],
    ['THREAD_DISPLAY_DEPTH', '0', /THREAD_DISPLAY_DEPTH must be a whole number from 1 to 20, got "0"/],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL must be one of .*info.*, got "verbose"/],
  ])('refuses %s=%s with a clear message', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('accepts a postgresql:// DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/bryggan' }).databaseUrl).toBe('postgresql://localhost/bryggan');
  });
});
