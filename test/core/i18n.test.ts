import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs, formatNumber, localeFromAcceptLanguage } from '../../src/core/i18n/index.js';
import { PROJECT_ROOT } from '../../src/core/project-root.js';
import { HTML, JSON_ACCEPT, guest, signUp } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('the language of the pages', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const signInPage = (acceptLanguage?: string) => {
    const request = guest(ctx).get('/login').set('accept', HTML);
    return acceptLanguage === undefined ? request : request.set('accept-language', acceptLanguage);
  };

  it.each([
    ['en', 'en', '<h1>Sign in</h1>'],
    ['en-GB,en;q=0.9', 'en', '<h1>Sign in</h1>'],
    ['sv', 'sv', '<h1>Logga in</h1>'],
    ['sv-SE,sv;q=0.9,en;q=0.8', 'sv', '<h1>Logga in</h1>'],
    ['da', 'da', '<h1>Log ind</h1>'],
    ['fr;q=1, da;q=0.5, en;q=0.3', 'da', '<h1>Log ind</h1>'],
  ])('Accept-Language: %s gives %s', async (header, lang, heading) => {
    const response = await signInPage(header);
    expect(response.text).toContain(`<html lang="${lang}">`);
    expect(response.text).toContain(heading);
  });

  it('falls back to DEFAULT_LOCALE (sv) without an Accept-Language it can serve', async () => {
    for (const header of [undefined, 'fr', 'de-DE,de;q=0.9', '*']) {
      const response = await signInPage(header);
      expect(response.text, String(header)).toContain('<html lang="sv">');
      expect(response.text).toContain('<h1>Logga in</h1>');
    }
  });

  it('translates the messages in JSON answers too', async () => {
    const wrong = (language: string) =>
      guest(ctx).post('/login').set('accept', JSON_ACCEPT).set('accept-language', language).send({ login: 'nobody', password: 'whatever it is' });
    expect((await wrong('en')).body.fields.credentials).toBe('Wrong username/email or password');
    expect((await wrong('sv')).body.fields.credentials).toBe('Fel användarnamn/e-post eller lösenord');
    expect((await wrong('da')).body.fields.credentials).toBe('Forkert brugernavn/e-mail eller adgangskode');
  });

  it("uses the account's own language over the browser's", async () => {
    const member = await signUp(ctx);
    await ctx.db.updateTable('accounts').set({ locale: 'en' }).where('username', '=', member.username).execute();
    const response = await member.agent.get('/me').set('accept', HTML).set('accept-language', 'sv');
    expect(response.text).toContain('<html lang="en">');
    expect(response.text).toContain('<h1>Your account</h1>');
  });

  it('reads Accept-Language by quality', () => {
    expect(localeFromAcceptLanguage('en;q=0.2, sv;q=0.8')).toBe('sv');
    expect(localeFromAcceptLanguage('nb-NO')).toBe('da');
    expect(localeFromAcceptLanguage('sv;q=0, en')).toBe('en');
    expect(localeFromAcceptLanguage('')).toBeUndefined();
    expect(localeFromAcceptLanguage('de')).toBeUndefined();
  });
});

describe('a forum whose DEFAULT_LOCALE is en', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ DEFAULT_LOCALE: 'en' });
  });
  afterAll(() => ctx.close());

  it('speaks English to a browser that names no language it can serve', async () => {
    const response = await guest(ctx).get('/login').set('accept', HTML).set('accept-language', 'fr');
    expect(response.text).toContain('<html lang="en">');
    expect(response.text).toContain('<h1>Sign in</h1>');
  });
});

describe('numbers', () => {
  it('writes each as its language does, the same when written again (counts are kept per language)', () => {
    for (let round = 0; round < 2; round += 1) {
      expect([formatNumber(1234, 'sv'), formatNumber(1234, 'da'), formatNumber(1234, 'en')]).toEqual(['1\u00a0234', '1.234', '1,234']);
      expect([formatNumber(0, 'sv'), formatNumber(9999, 'da'), formatNumber(12345, 'en'), formatNumber(2.5, 'sv'), formatNumber(-3, 'en')]).toEqual([
        '0',
        '9.999',
        '12,345',
        '2,5',
        '-3',
      ]);
    }
  });
});

describe('the catalogs', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('have every key in every language: none lacks a key another has', () => {
    const all = new Set(Object.values(catalogs).flatMap((catalog) => Object.keys(catalog)));
    for (const [locale, catalog] of Object.entries(catalogs)) {
      const missing = [...all].filter((key) => !(key in catalog));
      expect(missing, `keys missing from ${locale}`).toEqual([]);
    }
  });

  it('use the same {placeholders} in every language', () => {
    const all = new Set(Object.values(catalogs).flatMap((catalog) => Object.keys(catalog)));
    for (const key of all) {
      const expected = placeholders(catalogs.en[key] ?? catalogs.sv[key] ?? catalogs.da[key]!);
      for (const [locale, catalog] of Object.entries(catalogs)) {
        if (key in catalog) expect(placeholders(catalog[key]!), `${locale} ${key}`).toEqual(expected);
      }
    }
  });

  it('are each in their own language: no Danish or Swedish sentence is left in English', () => {
    // The words of a string, without its placeholders: one word ("Menu", "administrator") may rightly be the same.
    const words = (text: string) =>
      text
        .replace(/\{\w+\}/g, '')
        .replace(/[^\p{L}]+/gu, ' ')
        .trim();
    const leftInEnglish = (locale: 'sv' | 'da') =>
      Object.entries(catalogs[locale])
        .filter(([key, text]) => text === catalogs.en[key] && words(text).includes(' '))
        .map(([key]) => key);
    expect(leftInEnglish('da')).toEqual([]);
    expect(leftInEnglish('sv')).toEqual([]);
  });

  it('have no empty strings', () => {
    for (const [locale, catalog] of Object.entries(catalogs)) {
      for (const [key, text] of Object.entries(catalog)) expect(text.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('hold every key the views ask for', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.hbs') ? [path] : [];
      });
    const used = new Map<string, string>();
    for (const file of files(join(PROJECT_ROOT, 'views'))) {
      const text = readFileSync(file, 'utf8');
      // {{t "key" …}} and the field partial's label="key" / hint="key"
      for (const match of text.matchAll(/\{\{t "([\w.]+)"|\b(?:label|hint)="([\w]+\.[\w.]+)"/g)) {
        used.set(match[1] ?? match[2]!, file.slice(PROJECT_ROOT.length + 1));
      }
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter(([key]) => Object.values(catalogs).some((catalog) => !(key in catalog))).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
