import type { Locale } from '../../config.js';
import type { Message } from '../errors.js';
import { memoizedByHeader } from '../header-memo.js';
import { da } from './da.js';
import { en } from './en.js';
import { sv } from './sv.js';
import type { AreaStrings } from './area.js';
import { accountStrings } from './account.js';
import { businessesStrings } from './businesses.js';
import { convenersStrings } from './conveners.js';
import { peopleStrings } from './people.js';
import { recoveryStrings } from './recovery.js';
import { searchStrings } from './search.js';
import { healthStrings } from './health.js';
import { membershipStrings } from './membership.js';
import { homeStrings } from './home.js';
import { proposalsStrings } from './proposals.js';
import { meetingsStrings } from './meetings.js';
import { answersStrings } from './answers.js';

const AREAS: readonly AreaStrings[] = [
  recoveryStrings,
  accountStrings,
  peopleStrings,
  businessesStrings,
  searchStrings,
  membershipStrings,
  homeStrings,
  healthStrings,
  convenersStrings,
  proposalsStrings,
  meetingsStrings,
  answersStrings,
];

/** A locale's whole catalog: the general one, then each area's. */
const withAreas = (locale: Locale, general: Record<string, string>) =>
  Object.assign({}, general, ...AREAS.map((area) => area[locale])) as Record<string, string>;

const catalogs: Record<Locale, Record<string, string>> = { sv: withAreas('sv', sv), en: withAreas('en', en), da: withAreas('da', da) };

export type Translate = (message: Message, values?: Record<string, string | number | Date>) => string;

/** The cookie that keeps a guest's choice from the language switch (POST /language). */
export const LOCALE_COOKIE = 'locale';

/** The locale a cookie names; undefined for anything else. */
export function localeFromCookie(value: string | undefined): Locale | undefined {
  return value !== undefined && Object.hasOwn(catalogs, value) ? (value as Locale) : undefined;
}

const numberFormats = new Map<Locale, { format: Intl.NumberFormat; written: string[] }>();
/** The counts pages show most (replies, followers, thanks) are written once per language below this. */
const KEPT_BELOW = 10_000;

/** 1234 as the locale writes it: "1 234" (sv), "1.234" (da), "1,234" (en). */
export function formatNumber(value: number, locale: Locale): string {
  let formats = numberFormats.get(locale);
  if (!formats) numberFormats.set(locale, (formats = { format: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }), written: [] }));
  // Intl's format costs about a microsecond a call, and a page writes dozens of counts.
  if (!Number.isInteger(value) || value < 0 || value >= KEPT_BELOW) return formats.format.format(value);
  return (formats.written[value] ??= formats.format.format(value));
}

function makeTranslator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  const write = (value: string | number | Date) => (typeof value === 'number' ? formatNumber(value, locale) : String(value));
  return (message, values) => {
    const key = typeof message === 'string' ? message : message.key;
    const all = typeof message === 'string' ? values : { ...message.values, ...values };
    // Every catalog has every key (test/core/i18n.test.ts); English is a last resort, and an unknown key
    // shows itself, so a missing string is visible in review.
    const count = all?.count;
    const pluralKey = count === 1 ? `${key}.one` : undefined;
    const template = (pluralKey && (catalog[pluralKey] ?? catalogs.en[pluralKey])) || (catalog[key] ?? catalogs.en[key] ?? key);
    return all
      ? template.replace(/\{(\w+)\}/g, (whole, name: string) => {
          const value = all[name];
          return value === undefined ? whole : write(value);
        })
      : template;
  };
}

/** One per language, made once: a request asks for its translator several times, and each live connection keeps one. */
const translators: Record<Locale, Translate> = { sv: makeTranslator('sv'), en: makeTranslator('en'), da: makeTranslator('da') };

export function translator(locale: Locale): Translate {
  return translators[locale];
}

/** The best of our locales for an Accept-Language header; undefined when none fits. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  return header ? bestLocaleFor(header) : undefined;
}

const bestLocaleFor = memoizedByHeader((header): Locale | undefined => {
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { language: tag.trim().toLowerCase().split('-')[0]!, q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  // Norwegian (nb/nn/no) readers are better served by Danish than by English.
  const aliases: Record<string, Locale> = { sv: 'sv', en: 'en', da: 'da', nb: 'da', nn: 'da', no: 'da' };
  for (const { language } of ranked) {
    const locale = aliases[language];
    if (locale) return locale;
  }
  return undefined;
});

export { catalogs };
