// tinyld's detectAll (1.3.4, MIT License, Copyright (c) 2021 Komodo) restricted to Swedish, Danish and
// English, on the part of its model that scores them (language-grams.ts). The package loads its model for
// 62 languages into every process (~49 MB of RSS); this decides as it does, with ~1 MB.
// test/search/language-port.test.ts holds both to the same answers, score for score.
import { SCORED_GRAMS, UNIQUE_GRAMS } from './language-grams.js';
import type { PostLanguage } from './language.js';

export interface LanguageScore {
  lang: PostLanguage;
  /** The language's share of the text, 0–1. */
  accuracy: number;
}

/** tinyld's order, which decides ties. */
const LANGUAGES: readonly PostLanguage[] = ['en', 'da', 'sv'];
const GRAM_LENGTHS = [1, 2, 3, 4, 5];
const MOST_CHUNKS = 7;

const isPostLanguage = (code: string | undefined): code is PostLanguage => (LANGUAGES as readonly (string | undefined)[]).includes(code);

const uniqueGrams = new Map<string, PostLanguage>();
for (const line of UNIQUE_GRAMS.split('\n')) {
  const [gram, language] = line.split('\t');
  if (gram && isPostLanguage(language)) uniqueGrams.set(gram, language);
}

const scoredGrams = new Map<string, readonly number[]>();
for (const line of SCORED_GRAMS.split('\n')) {
  const [gram, scores] = line.split('\t');
  if (gram && scores) scoredGrams.set(gram, scores.split(' ').map(Number));
}

// tinyld's own expressions, kept as they are: the answers depend on them.
const CHUNK_SEPARATOR = /([,，、。!¿?！？":;()「」{}„“«»”"“<>⋯《》*]|[.[\]\\])+/;
const WORD_SEPARATOR = /[ ]+/;
const PUNCTUATION = /[,.。，、#%&/\\+*¡!¿?[\]！？;:…„“«»”"“_–—~]/gi;
const DIGITS = /[0-9\uFF10-\uFF19]/g;
const RUNS_OF_SPACE = /\s\s+/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

const round4 = (value: number) => Math.round(value * 1e4) / 1e4;
const byScoreDescending = (a: [string, number], b: [string, number]) => b[1] - a[1];

function cleanChunk(chunk: string): string {
  return chunk.toLowerCase().replace(/’/g, "'").replace(PUNCTUATION, ' ').replace(DIGITS, '').replace(RUNS_OF_SPACE, ' ').trim();
}

/** The text's n-grams, padded with spaces, leaving out those with two spaces in a row. */
function grams(text: string, n: number): string[] {
  const padding = ' '.repeat(n - 1);
  const padded = padding + text + padding;
  const found: string[] = [];
  for (let start = 0; start < padded.length - (n - 1); start++) {
    let gram = '';
    let spacesInARow = 0;
    for (let offset = 0; offset < n; offset++) {
      const char = padded[start + offset] ?? '';
      spacesInARow = char === ' ' ? spacesInARow + 1 : 0;
      if (spacesInARow <= 1) gram += char;
    }
    if (gram.length === n && gram.trim().length > 0) found.push(gram);
  }
  return found;
}

/** A language that has one of the chunk's grams and no other language has, shortest gram first. */
function uniqueLanguageOf(chunk: string): PostLanguage | undefined {
  for (const n of GRAM_LENGTHS) {
    for (const gram of grams(chunk, n)) {
      const language = uniqueGrams.get(gram);
      if (language) return language;
    }
  }
  return undefined;
}

/** Each language's score for one word, relative to the best's. */
function wordScores(word: string): [PostLanguage, number][] {
  const totals = new Map<PostLanguage, number>(LANGUAGES.map((language) => [language, 0]));
  for (const gram of GRAM_LENGTHS.flatMap((n) => grams(word, n))) {
    const plain = gram.normalize('NFD').replace(COMBINING_MARKS, '');
    const scores = scoredGrams.get(plain);
    if (!scores) continue;
    LANGUAGES.forEach((language, index) => {
      totals.set(language, (totals.get(language) ?? 0) + ((scores[index] ?? 0) * plain.length) / 4);
    });
  }
  const ranked = [...totals.entries()].sort(byScoreDescending);
  const best = Math.max(...ranked.map(([, score]) => score)) || 1;
  return ranked.map(([language, score]) => [language, 1 - round4((best - score) / best)]);
}

/** The languages of the text, most likely first, as tinyld's detectAll(text, { only: ['sv', 'da', 'en'] }). */
export function scoreLanguages(text: string): LanguageScore[] {
  const chunks = text
    .split(CHUNK_SEPARATOR)
    .map(cleanChunk)
    .filter((chunk) => chunk.length > 0)
    .sort((a, b) => b.length - a.length)
    .slice(0, MOST_CHUNKS);
  const totals = new Map<PostLanguage, number>();
  const add = (language: PostLanguage, amount: number) => totals.set(language, (totals.get(language) ?? 0) + amount);
  let length = 0;
  for (const chunk of chunks) {
    const unique = uniqueLanguageOf(chunk);
    if (unique) {
      add(unique, chunk.length);
      length += chunk.length;
      continue;
    }
    for (const word of chunk.split(WORD_SEPARATOR)) {
      for (const [language, share] of wordScores(word)) add(language, share);
      length += word.length;
    }
  }
  return [...totals.entries()]
    .filter(([, total]) => total > 0)
    .sort(byScoreDescending)
    .map(([lang, total]) => ({ lang, accuracy: total / length }));
}
