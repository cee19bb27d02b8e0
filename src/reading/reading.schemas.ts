// A thread as the home page lists it, in JSON (reading/present.ts listedThreadJson).
import { Type, type Static } from 'typebox';
import { Nullable, OneOf } from '../core/schemas.js';
import { AccountName } from '../posts/posts.schemas.js';

export const ListedThreadJson = Type.Object({
  id: Type.Integer(),
  /** The title, or a placeholder when its opening post is hidden from the viewer (titleHidden). */
  title: Type.String(),
  slug: Type.String(),
  titleHidden: Type.Boolean(),
  path: Type.String(),
  network: Type.Object({ slug: Type.String(), name: Type.String() }),
  replyCount: Type.Integer(),
  author: AccountName,
  lastActivityAt: Type.String(),
  lastPoster: Nullable(AccountName),
  createdAt: Type.String(),
  kind: OneOf(['question', 'discussion', 'offer', 'meeting']),
  /** A question whose answer all may read (the one rule every list uses). */
  answered: Type.Boolean(),
  /** For a signed-in member only: whether the thread has posts they have not read (README, Home and read state). */
  unread: Type.Optional(Type.Boolean()),
  /** For a signed-in member only: where their reading continues — the first unread post, or the thread. */
  readFrom: Type.Optional(Type.String()),
});
export type ListedThreadJson = Static<typeof ListedThreadJson>;
