// A post's language, told from its own words.
//
// Why tinyld: measured on test/search/language-corpus.ts (206 posts, Danish ones retelling Swedish ones in
// near-identical words), restricted to sv/da/en, after stripping as below:
//   library          20–99 chars  100+ chars  sv→da/da→sv (all)  µs/call (100+)  memory once loaded
//   tinyld           99 %         99 %        0 / 1              ~85             +8 MB heap, +44 MB RSS
//   eld/extrasmall   97 %         100 %       0 / 1              ~40             +28 MB heap, +87 MB RSS
//   eld/small…large  99 %         100 %       0 / 0              ~45–55          49–142 MB heap
//   franc            90 %         100 %       4 / 0              ~90             6 MB
//   franc-min        64 %         66 %        all Danish → sv    ~80             4 MB (it has no Danish)
// tinyld and eld are equally right on posts; eld is a little better on fragments under 15 letters,
// which take the author's language anyway, and costs twice the memory in every server process, which
// the forum's memory budget cannot spare. Below 15 letters every detector drops under 98 % (87 % at
// 5–9), so shorter texts take the author's language, as does a result whose two best scores are within
// MIN_SCORE_MARGIN of each other (a coin toss between sv and da). tinyld's scoring runs here on the part
// of its model for these three languages (language-scores.ts), without the package's 49 MB.
import { scoreLanguages } from './language-scores.js';

export type PostLanguage = 'sv' | 'da' | 'en';

export const POST_LANGUAGES: readonly PostLanguage[] = ['sv', 'da', 'en'];

const MIN_LETTERS = 15;
const MIN_SCORE_MARGIN = 0.02;

/** The post's language, or `fallback` (its author's) when the text is too short or too close to call. */
export function detectPostLanguage(text: string, fallback: PostLanguage): PostLanguage {
  const words = wordsOnly(text);
  if (countLetters(words) < MIN_LETTERS) return fallback;
  const [best, second] = scoreLanguages(words);
  if (!best) return fallback;
  return best.accuracy - (second?.accuracy ?? 0) < MIN_SCORE_MARGIN ? fallback : best.lang;
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
