// What the flag and review routes take and answer.
import { Type, type Static } from 'typebox';
import { databaseId, Nullable } from '../core/schemas.js';
import { AccountName, NetworkName, PostJson } from '../posts/posts.schemas.js';

/** An admin's flag threshold: 1–50 flaggers; left out (or sent empty) to follow the network's size again. Other fields are dropped. */
export const thresholdBody = Type.Object({ threshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }, { additionalProperties: false });

/** `before`: the review queue continues after the page whose last post's latest flag had this id. */
export const reviewQuery = Type.Object({ before: Type.Optional(databaseId) });

const ThresholdJson = Type.Object({ value: Type.Integer(), set: Type.Boolean() });
export const NetworkThreshold = Type.Object({ network: Type.String(), threshold: ThresholdJson });

/** A flag as its flagger sees it: never who resolved it. */
const FlagJson = Type.Object({
  id: Type.Integer(),
  postId: Type.Integer(),
  reason: Type.String(),
  rule: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  counts: Type.Boolean(),
  createdAt: Type.String(),
  resolution: Nullable(Type.String()),
});
export const Flagged = Type.Object({ flag: FlagJson, created: Type.Boolean(), post: PostJson });
export const Dismissed = Type.Object({ restored: Type.Boolean(), post: PostJson });

/** One page of the review queue (moderation/flags.present.ts reviewItemJson); `nextCursor` is null on the last page. */
export const ReviewPage = Type.Object({
  network: Nullable(NetworkName),
  threshold: Nullable(ThresholdJson),
  posts: Type.Array(
    Type.Object({
      post: PostJson,
      thread: Type.Object({ id: Type.Integer(), title: Type.String(), slug: Type.String() }),
      network: NetworkName,
      openFlags: Type.Integer(),
      countedFlags: Type.Integer(),
      latestFlagAt: Type.String(),
      /** What most flaggers said: the reason the agree button hides with. */
      suggested: Type.Object({ reason: Type.String(), rule: Nullable(Type.Integer()) }),
      flags: Type.Array(
        Type.Object({
          reason: Type.String(),
          rule: Nullable(Type.Integer()),
          note: Nullable(Type.String()),
          counts: Type.Boolean(),
          createdAt: Type.String(),
          flagger: Nullable(AccountName),
        }),
      ),
    }),
  ),
  nextCursor: Nullable(Type.Integer()),
});
export type ReviewPage = Static<typeof ReviewPage>;
