// What /search and /search/similar take and answer. The querystrings are left open: the search form
// is a GET form, and whatever else a browser or a shared link adds to it is ignored rather than refused.
import { Type, type Static } from 'typebox';
import { Nullable, OneOf } from '../core/schemas.js';
import { AccountName, NetworkName, ThreadHeading } from '../posts/posts.schemas.js';

/** Longest query: the web syntax's words, phrases, or and -word. */
export const QUERY_MAX = 200;

/** A day on the forum's calendar; search.routes.ts checks it is a real one. */
const day = Type.String({ maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const searchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: QUERY_MAX })),
  /** A network's slug. */
  network: Type.Optional(Type.String({ maxLength: 60 })),
  /** A username, with or without its leading @. */
  author: Type.Optional(Type.String({ maxLength: 61 })),
  /** From the start of this day (inclusive). */
  after: Type.Optional(day),
  /** Up to the start of this day (exclusive). */
  before: Type.Optional(day),
  in: Type.Optional(OneOf(['titles'])),
  sort: Type.Optional(OneOf(['relevance', 'latest'])),
  /** Opaque: the `next` of the page before. */
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});
export type SearchQuery = Static<typeof searchQuery>;

export const similarQuery = Type.Object({
  network: Type.String({ minLength: 1, maxLength: 60 }),
  /** The title being typed; blank finds nothing. */
  title: Type.Optional(Type.String({ maxLength: 200 })),
});
export type SimilarQuery = Static<typeof similarQuery>;

/** What was searched for, as understood: blank filters are null. */
export const SearchQueryJson = Type.Object({
  q: Type.String(),
  network: Nullable(Type.String()),
  author: Nullable(Type.String()),
  after: Nullable(Type.String()),
  before: Nullable(Type.String()),
  in: Nullable(Type.String()),
  sort: Type.String(),
});

/** A thread found: its title as the viewer may see it, its network, and the best-matching post. */
export const SearchResultJson = Type.Object({
  thread: Type.Object({ ...ThreadHeading.properties, path: Type.String() }),
  network: NetworkName,
  post: Type.Object({ id: Type.Integer(), author: AccountName, createdAt: Type.String(), isOpening: Type.Boolean() }),
  /** HTML: everything escaped but <mark>…</mark> around the matched words. */
  excerpt: Type.String(),
  /** A question whose answer all may read; these come first on each page. */
  answered: Type.Boolean(),
});

export const SearchJson = Type.Object({
  query: SearchQueryJson,
  results: Type.Array(SearchResultJson),
  /** The cursor of the next page; null on the last. */
  next: Nullable(Type.String()),
});
export type SearchJson = Static<typeof SearchJson>;

export const SimilarJson = Type.Object({
  /** Answered questions first; `answered` says which are. */
  threads: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), path: Type.String(), answered: Type.Boolean() })),
});
export type SimilarJson = Static<typeof SimilarJson>;
