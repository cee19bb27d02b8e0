// A post's language, told from its own words.
//
// Why eld (2.1.0, its smallest database): measured on test/search/language-corpus.ts (206 posts; the Danish
// ones retell Swedish ones in near-identical words), each library restricted to sv/da/en, on stripped text:
//   library          20–99 chars  100+ chars  sv→da / da→sv  µs/call (100+)  heap once loaded
//   eld/extrasmall   97 %         100 %       0 / 1          ~40             32 MB
//   eld/small…large  99 %         100 %       0 / 0          ~45–55          49–142 MB
//   tinyld           99 %         99 %        0 / 1          ~85             11 MB
//   franc            90 %         100 %       4 / 0          ~90             6 MB
//   franc-min        64 %         66 %        0 / 63         ~80             4 MB (it has no Danish at all)
// Cut word by word into short prefixes, eld/extrasmall stays within a point of eld's larger databases and
// ahead of tinyld (97 % against 94 % at 10–14 letters), at a quarter of eld/large's memory; it loads in
// ~140 ms, once. Under 15 letters even eld falls below 98 % (87 % at 5–9), so a shorter text takes the
// author's language, as does a result whose two best scores lie within 0.02 (a coin toss, mostly sv/da).
// A call costs ~11 µs for a short post, ~50 µs at 100–299 characters, ~90–120 µs for a long one.
import { eld } from 'eld/extrasmall';

export type PostLanguage = 'sv' | 'da' | 'en';

export const POST_LANGUAGES: readonly PostLanguage[] = ['sv', 'da', 'en'];

const MIN_LETTERS = 15;
const MIN_SCORE_MARGIN = 0.02;

// An instance of its own, so that the subset cannot leak to (or from) anyone else importing eld.
const detector = eld.newInstance();
detector.setLanguageSubset([...POST_LANGUAGES]);

const isPostLanguage = (code: string): code is PostLanguage => (POST_LANGUAGES as readonly string[]).includes(code);

/** The post's language, or `fallback` (its author's) when the text is too short or too close to call. */
export function detectPostLanguage(text: string, fallback: PostLanguage): PostLanguage {
  const words = wordsOnly(text);
  if (countLetters(words) < MIN_LETTERS) return fallback;
  const result = detector.detect(words);
  if (!isPostLanguage(result.language)) return fallback;
  const [best = 0, second = 0] = Object.values(result.getScores()).sort((a, b) => b - a);
  return best - second < MIN_SCORE_MARGIN ? fallback : result.language;
}

/**
 * The Markdown's prose: code, URLs, e-mail addresses and @mentions are in nobody's language (and
 * mostly English-looking), so they go; a link keeps its text; digits and punctuation go.
 */
function wordsOnly(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/(?:https?:\/\/|www\.)\S+/gi, ' ')
    .replace(/[\p{L}\p{N}._%+-]*@[\p{L}\p{N}_.-]+/gu, ' ')
    .replace(/[^\p{L}\s'’]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const countLetters = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;
