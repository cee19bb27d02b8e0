// The parameters of every route about one thread (/t/:id/:slug?) or one post (/p/:postId), whichever
// feature serves it, and a post and a thread's heading as JSON answers give them.
import { Type, type Static } from 'typebox';
import { databaseId, Nullable } from '../core/schemas.js';
import type { HiddenKind, ModerationReason } from '../db/schema.js';

export const threadParams = Type.Object({ id: databaseId, slug: Type.Optional(Type.String({ maxLength: 200 })) });
export type ThreadParams = Static<typeof threadParams>;
export const postParams = Type.Object({ postId: databaseId });
export type PostParams = Static<typeof postParams>;

/** An account as answers name it. */
export const AccountName = Type.Object({ username: Type.String(), displayName: Type.String() });

/** A post as a viewer may see it (posts/present.ts postJson). */
export const PostJson = Type.Object({
  id: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  threadId: Type.Integer(),
  depth: Type.Integer(),
  author: AccountName,
  html: Type.String(),
  createdAt: Type.String(),
  editedAt: Nullable(Type.String()),
  deleted: Type.Boolean(),
  /** How many members thanked it; 0 when the viewer may not read it. */
  thanks: Type.Integer(),
  /** Why the post is hidden (public, like the moderation log); null when it is not. */
  hidden: Nullable(
    Type.Object({ by: Type.Unsafe<HiddenKind>(Type.String()), reason: Type.Unsafe<ModerationReason>(Type.String()), rule: Nullable(Type.Integer()) }),
  ),
});
export type PostJson = Static<typeof PostJson>;

/** A thread's title and slug as one viewer may see them (posts/present.ts threadTitleFor). */
export const ThreadHeading = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  /** Empty when the title is hidden from the viewer: the slug is made from the title. */
  slug: Type.String(),
  titleHidden: Type.Boolean(),
});
export type ThreadHeading = Static<typeof ThreadHeading>;

/** Where a moved thread came from, and the convener's note (public); null for a thread never moved. */
export const MovedJson = Nullable(
  Type.Object({ from: Type.Object({ slug: Type.String(), name: Type.String() }), note: Nullable(Type.String()), at: Type.String() }),
);
export type MovedJson = Static<typeof MovedJson>;

/** A network as a thread's JSON names it. */
export const NetworkName = Type.Object({ slug: Type.String(), name: Type.String() });

/** A rule's number and title, as the posting forms list them. */
export const RuleTitle = Type.Object({ number: Type.Integer(), title: Type.String() });
