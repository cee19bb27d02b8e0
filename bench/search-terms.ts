// The words the search scenarios ask for, chosen by counting in the generated forum: common words are
// in more than 5 % of the posts, rare ones in under 0.05 %. The member searching writes Swedish, so
// the words are Swedish. The words of a query must all be in a post (the web syntax ANDs them), so a
// query of two or three common words takes the most frequent words that are still in more than 5 %
// of the posts together, and the rare words are the names in one post: each query finds what a
// member would expect it to, many posts for common words and a handful for rare ones.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import type { PostLanguage } from '../src/search/language.js';
import type { Postscript } from './content.js';

/** What the generator knows of the posts' text. */
export interface SearchCorpus {
  /** The pooled bodies' HTML, by number. */
  htmls: readonly string[];
  /** Each pooled body's language (search/language.ts). */
  bodyLanguages: readonly PostLanguage[];
  /** How many live (not deleted) posts use each pooled body. */
  liveUses: Int32Array;
  /** The live posts' postscripts (content.ts: the names few posts mention). */
  postscripts: Array<Postscript & { postId: number; networkId: number; lang: PostLanguage; hidden: boolean }>;
  livePosts: number;
  /** The busiest network, which the filtered scenarios search in. */
  boardNetworkId: number;
  threads: ReadonlyArray<{ title: string; networkId: number; lang: PostLanguage }>;
}

export interface SearchTerm {
  /** The query: these words, all of them. */
  words: string[];
  /** Live posts containing every word (as written; a stemmer may match a few more). */
  posts: number;
  /** Of the live posts. */
  share: number;
  /** Each word's own share of the live posts. */
  wordShares: number[];
}

export interface SearchTerms {
  /** One, two and three common words. */
  common: SearchTerm[];
  /** One, two and three rare words, all from one post on the busiest board. */
  rare: SearchTerm[];
  /** A typical new thread's title on the busiest board, for the similar-threads lookup. */
  similarTitle: string;
}

const COMMON_SHARE = 0.05;
const RARE_SHARE = 0.0005;

/** The words of a post's HTML as a reader sees them, lower-cased. */
function wordsOf(html: string): Set<string> {
  const text = html.replace(/<[^>]*>/g, ' ').replace(/&[#\w]+;/g, ' ');
  return new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
}

export async function chooseSearchTerms(db: Kysely<DB>, corpus: SearchCorpus): Promise<SearchTerms> {
  const { livePosts } = corpus;
  // ---- Common: the most frequent words of the pooled bodies ------------------------------------
  const bodyWords = corpus.htmls.map(wordsOf);
  const frequency = new Map<string, number>();
  bodyWords.forEach((words, body) => {
    for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + corpus.liveUses[body]!);
  });
  const postsWithAll = (words: readonly string[]) =>
    bodyWords.reduce((sum, set, body) => (words.every((word) => set.has(word)) ? sum + corpus.liveUses[body]! : sum), 0);
  const swedish = new Set(bodyWords.flatMap((words, body) => (corpus.bodyLanguages[body] === 'sv' ? [...words] : [])));
  const frequent = [...frequency]
    .filter(([word, posts]) => swedish.has(word) && word.length >= 4 && posts > COMMON_SHARE * livePosts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([word]) => word);
  // Not a stop word in any of the three configurations (a query of one would match nothing there),
  // with each configuration's stems, so that two forms of one word are not taken for two words.
  const { rows } = await sql<{ word: string; stems: string }>`
    select word, concat_ws('|', to_tsvector('swedish', word)::text, to_tsvector('danish', word)::text, to_tsvector('english', word)::text) as stems
    from unnest(${frequent}::text[]) as word
    where to_tsvector('swedish', word) <> ''::tsvector and to_tsvector('danish', word) <> ''::tsvector and to_tsvector('english', word) <> ''::tsvector`.execute(
    db,
  );
  const stemsOf = new Map(rows.map((row) => [row.word, row.stems]));
  const candidates = frequent.filter((word) => stemsOf.has(word));
  const chosen: string[] = [];
  for (let n = 0; n < 3; n++) {
    // The next most frequent word still common together with those chosen, else the one most often with them.
    const open = candidates.filter((word) => !chosen.some((other) => other === word || stemsOf.get(other) === stemsOf.get(word)));
    const together = open.map((word) => ({ word, posts: postsWithAll([...chosen, word]) }));
    const next = together.find((c) => c.posts > COMMON_SHARE * livePosts) ?? together.sort((a, b) => b.posts - a.posts)[0];
    if (!next) break;
    chosen.push(next.word);
  }
  const share = (posts: number) => posts / Math.max(1, livePosts);
  const common = chosen.map((_, n) => {
    const words = chosen.slice(0, n + 1);
    const posts = postsWithAll(words);
    return { words, posts, share: share(posts), wordShares: words.map((word) => share(frequency.get(word) ?? 0)) };
  });

  // ---- Rare: the names in one postscript on the busiest board -----------------------------------
  const onBoard = corpus.postscripts.filter((p) => p.networkId === corpus.boardNetworkId && !p.hidden);
  const example = onBoard.find((p) => p.lang === 'sv') ?? onBoard[0] ?? corpus.postscripts[0];
  const rare: SearchTerm[] = [];
  if (example) {
    const names = [example.business, example.village, example.event];
    const keys = ['business', 'village', 'event'] as const;
    for (let n = 1; n <= 3; n++) {
      const words = names.slice(0, n);
      const matches = (p: Postscript) => keys.slice(0, n).every((key, i) => p[key] === words[i]);
      const posts = corpus.postscripts.filter(matches).length;
      const wordShares = keys.slice(0, n).map((key, i) => share(corpus.postscripts.filter((p) => p[key] === words[i]).length));
      rare.push({ words, posts, share: share(posts), wordShares });
    }
  }

  // ---- Similar: a title as a member would type it -----------------------------------------------
  const boardTitles = corpus.threads.filter((t) => t.networkId === corpus.boardNetworkId);
  const typed = [...boardTitles].reverse().find((t) => t.lang === 'sv' && t.title.includes(': ')) ?? boardTitles.at(-1) ?? corpus.threads.at(-1);
  return { common, rare, similarTitle: typed?.title ?? 'Säsongsstart på Kajakön' };
}

/** Whether the chosen words are as common and as rare as the scenarios say. */
export function termWarnings(terms: SearchTerms): string[] {
  const warnings: string[] = [];
  for (const term of terms.common)
    if (term.wordShares.some((share) => share <= COMMON_SHARE)) warnings.push(`"${term.words.join(' ')}": a word in ${COMMON_SHARE * 100} % of posts or fewer`);
  for (const term of terms.rare)
    if (term.wordShares.some((share) => share >= RARE_SHARE)) warnings.push(`"${term.words.join(' ')}": a word in ${RARE_SHARE * 100} % of posts or more`);
  if (terms.common.length < 3) warnings.push(`only ${terms.common.length} common words`);
  if (terms.rare.length < 3) warnings.push(`only ${terms.rare.length} rare words`);
  return warnings;
}
