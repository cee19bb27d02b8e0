// What the networks routes take, and a network and a board as JSON answers give them. Bodies drop
// fields they do not name (the validator's removeAdditional).
import { Type, type Static } from 'typebox';
import { Nullable, OneOf } from '../core/schemas.js';

export const networkSlugParam = Type.Object({ network: Type.String({ maxLength: 40 }) });
export type NetworkParams = Static<typeof networkSlugParam>;

const name = Type.String({ minLength: 2, maxLength: 80 });
const description = Type.String({ maxLength: 2000 });
/** Who may start threads and reply: any signed-in account (the default) or the network's members. */
const posting = OneOf(['anyone', 'members']);
/** Whom the network is for, in its own words ("entrepreneurs up to 30"); left out or empty: it does not say. */
const audience = Type.String({ maxLength: 120 });
const membership = { posting: Type.Optional(posting), audience: Type.Optional(audience) };

export const createNetworkBody = Type.Object(
  { slug: Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z0-9-]+$' }), name, description: Type.Optional(description), ...membership },
  { additionalProperties: false },
);
/** Whether the network is the forum's default (first in every list); left out, it stays as it is. */
const isDefault = Type.Boolean();
export const editNetworkBody = Type.Object(
  { name, description: Type.Optional(description), ...membership, isDefault: Type.Optional(isDefault) },
  { additionalProperties: false },
);

/** `filter`: the board's questions only, unanswered or answered. */
export const boardQuery = Type.Object({ before: Type.Optional(Type.String({ maxLength: 100 })), filter: Type.Optional(OneOf(['unanswered', 'answered'])) });

/** A network (networks/present.ts networkJson). */
export const NetworkJson = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  descriptionHtml: Type.String(),
  summary: Type.String(),
  posting: Type.String(),
  audience: Type.String(),
  /** The forum's default network, first in every list. */
  isDefault: Type.Boolean(),
  threadCount: Type.Integer(),
  lastActivityAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type NetworkJson = Static<typeof NetworkJson>;

const poster = Type.Object({ username: Type.String(), displayName: Type.String() });

/** A board's row as one viewer may see it (networks/present.ts boardThreadJson). */
export const BoardThreadJson = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  slug: Type.String(),
  titleHidden: Type.Boolean(),
  /** Whether the opening post is hidden (public, like a post's hidden reason). */
  openingHidden: Type.Boolean(),
  pinned: Type.Boolean(),
  locked: Type.Boolean(),
  replyCount: Type.Integer(),
  author: poster,
  lastActivityAt: Type.String(),
  lastPoster: Nullable(poster),
  createdAt: Type.String(),
  /** question, discussion, offer or meeting. */
  kind: Type.String(),
  /** A question whose answer all may read (a hidden or deleted answer leaves it unanswered). */
  answered: Type.Boolean(),
  /** For a signed-in member only (the board page adds it, reading/): whether the thread has posts they have not read. */
  unread: Type.Optional(Type.Boolean()),
  /** For a signed-in member only: where their reading continues — the first unread post, or the thread. */
  readFrom: Type.Optional(Type.String()),
});
export type BoardThreadJson = Static<typeof BoardThreadJson>;

/** A page of a board; `nextCursor` is null on the last page. */
export const BoardJson = Type.Object({ network: NetworkJson, threads: Type.Array(BoardThreadJson), nextCursor: Nullable(Type.String()) });
