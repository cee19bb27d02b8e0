// What the following routes take and answer.
import { Type } from 'typebox';
import { Nullable, OneOf } from '../core/schemas.js';
import { NetworkName } from '../posts/posts.schemas.js';

/** A board's follow: `level` threads (the default) or posts; an empty body is a follow of threads. Other fields are dropped. */
export const followBody = Nullable(Type.Object({ level: Type.Optional(OneOf(['threads', 'posts'])) }, { additionalProperties: false }));

export const followingQuery = Type.Object({ before: Type.Optional(Type.String({ maxLength: 40, pattern: '^\\d{1,15}\\.\\d{1,10}$' })) });

/** A board's follow state: the viewer's level (null when not following) and the number of followers. */
export const FollowState = Type.Object({ network: Type.String(), following: Nullable(Type.String()), followers: Type.Integer() });

/** A thread's watch state for the viewer: watching, muted, or null (neither). */
export const WatchState = Type.Object({ thread: Type.Integer(), watch: Nullable(Type.String()) });

/** A page of /following: the followed networks on the first page only, then threads by latest activity. */
export const FollowingPage = Type.Object({
  networks: Type.Optional(Type.Array(Type.Object({ ...NetworkName.properties, level: Type.String() }))),
  threads: Type.Array(
    Type.Object({
      id: Type.Integer(),
      /** null when the title is hidden from the viewer. */
      title: Nullable(Type.String()),
      slug: Type.String(),
      network: NetworkName,
      author: Type.Object({ displayName: Type.String() }),
      replyCount: Type.Integer(),
      lastActivityAt: Type.String(),
      lastPoster: Nullable(Type.Object({ displayName: Type.String() })),
      unread: Type.Boolean(),
    }),
  ),
  nextCursor: Nullable(Type.String()),
});
