import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectAll } from 'tinyld';
import { describe, expect, it } from 'vitest';
import { languageGramsModule } from '../../scripts/language-grams.js';
import { scoreLanguages } from '../../src/search/language-scores.js';
import { LANGUAGE_CORPUS } from './language-corpus.js';

// The server scores languages with a port of tinyld restricted to sv/da/en (tinyld itself costs ~49 MB
// per process); here the port answers as tinyld does, to the last digit, on every text we have.
const tinyld = (text: string) => detectAll(text, { only: ['sv', 'da', 'en'] });

const EDGE_CASES = [
  '',
  '   ',
  '12345 ２０２６',
  '日本語のテキスト',
  'Hej (igen) {alla} <här> «citat» ⋯ *stjärna* [länk] \\ back.slash',
  'Det’s fine – vi ses’ imorgon… ja?! nej; kanske: #tagg 50% & mer/mindre + _under_ ~tilde~',
  'Cafe\u0301 na\u0308ra fjo\u0308rden, ska\u030al',
  'Æbler, øl og ålegræs: æøå ÆØÅ äöå ÄÖÅ',
  'The quick brown fox jumps over the lazy dog',
  'a  b   c    d',
  'ok 👍 tack 🙏 tak',
];

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/);
const texts = [
  ...EDGE_CASES,
  ...LANGUAGE_CORPUS.map((sample) => sample.text),
  ...LANGUAGE_CORPUS.flatMap((sample) => sentencesOf(sample.text)),
  ...LANGUAGE_CORPUS.map((sample) => sample.text.toUpperCase()),
];

describe('the sv/da/en port of tinyld', () => {
  it(`scores all ${texts.length} texts exactly as tinyld does`, () => {
    const differing = texts.filter((text) => JSON.stringify(scoreLanguages(text)) !== JSON.stringify(tinyld(text)));
    expect(differing).toEqual([]);
    expect(scoreLanguages('Vi har fortfarande två kajaker lediga i helgen.')[0]?.lang).toBe('sv');
  });

  it('runs on the grams the generator takes from the installed tinyld', async () => {
    const committed = readFileSync(join(import.meta.dirname, '../../src/search/language-grams.ts'), 'utf8');
    expect(committed).toBe(await languageGramsModule());
  });
});
