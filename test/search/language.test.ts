import { describe, expect, it } from 'vitest';
import { POST_LANGUAGES, detectPostLanguage, type PostLanguage } from '../../src/search/language.js';
import { LANGUAGE_CORPUS, type LanguageSample } from './language-corpus.js';

// The fallback is always a wrong language, so a post only counts as detected when the text itself said so.
const wrongFallback = (lang: PostLanguage): PostLanguage => (lang === 'en' ? 'sv' : 'en');
const detected = (sample: LanguageSample) => detectPostLanguage(sample.text, wrongFallback(sample.lang));
const share = (samples: readonly LanguageSample[]) => samples.filter((s) => detected(s) === s.lang).length / samples.length;
const percent = (fraction: number) => `${Math.floor(fraction * 100)} %`;

const long = LANGUAGE_CORPUS.filter((s) => s.text.length >= 100);
const longIn = (lang: PostLanguage) => long.filter((s) => s.lang === lang);

describe('a post’s language', () => {
  it(`detects ${percent(share(long))} of ${long.length} posts of 100+ characters`, () => {
    expect(share(long)).toBeGreaterThanOrEqual(0.9);
  });

  for (const lang of POST_LANGUAGES) {
    const samples = longIn(lang);
    it(`detects ${percent(share(samples))} of ${samples.length} ${lang} posts of 100+ characters`, () => {
      expect(share(samples)).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('hardly ever takes Swedish for Danish or Danish for Swedish', () => {
    const confused = LANGUAGE_CORPUS.filter(
      (s) => (s.lang === 'sv' || s.lang === 'da') && detectPostLanguage(s.text, s.lang) === (s.lang === 'sv' ? 'da' : 'sv'),
    );
    expect(confused.length).toBeLessThanOrEqual(2);
  });

  it('takes the author’s language for a text too short to tell', () => {
    for (const fallback of POST_LANGUAGES) {
      expect(detectPostLanguage('Tack, hej då', fallback)).toBe(fallback);
      expect(detectPostLanguage('Tusind tak!!', fallback)).toBe(fallback);
      expect(detectPostLanguage('See you then', fallback)).toBe(fallback);
    }
  });

  it('counts letters, not the links, code and mentions around them', () => {
    const text = '@someone_here see https://example.com/a-very-long-english-address `npm run build` 2026-06-01 Tak!';
    expect(detectPostLanguage(text, 'sv')).toBe('sv');
  });

  // Read whole, this post is English to the detector (en 0.69, da 0.63); its own words are Danish.
  it('is not swayed by an English URL, code block and mention in a Danish post', () => {
    const danish = [
      'Kan nogen hjælpe? @webmaster_klippen Vores bookingknap virker ikke længere, og jeg ved ikke hvorfor.',
      '',
      '```js',
      '// load the booking widget when the page is ready, then show the available dates and the prices',
      "document.addEventListener('DOMContentLoaded', () => loadWidget({ partner: 'our-id', language: 'en' }));",
      '// if the widget fails to load, show the fallback link with the phone number instead',
      '```',
      '',
      'Se [vejledningen](https://example.com/the-booking-widget-documentation-for-partners-and-resellers) og',
      'https://example.com/support/how-to-embed-the-widget-on-your-own-website-step-by-step',
    ].join('\n');
    expect(detectPostLanguage(danish, 'en')).toBe('da');
  });

  it('reads an opening post’s title with its body', () => {
    expect(detectPostLanguage('Öppettider i sommar?\n\nNär öppnar ni?', 'en')).toBe('sv');
  });
});
