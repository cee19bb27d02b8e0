// What the answers, thanks and kinds routes take and answer.
import { Type } from 'typebox';
import { Nullable, OneOf } from '../core/schemas.js';
import { ThreadHeading } from '../posts/posts.schemas.js';

/** What a member picks for a thread (a meeting is made by meetings, never picked here). */
export const chosenKind = OneOf(['question', 'discussion', 'offer']);
/** An offer's day as a date field sends it; whether it exists and is within the year, the offers service checks. */
const offerDay = Type.Union([Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }), Type.Literal('')]);
/** The fields an offer adds to a thread's form (read only when the kind is offer). */
export const offerFields = { until: Type.Optional(offerDay), audience: Type.Optional(OneOf(['network', 'everyone'])) };

export const kindBody = Type.Object({ kind: chosenKind, ...offerFields }, { additionalProperties: false });

/** A question's answer after marking or unmarking: the post marked, or null. */
export const AnswerState = Type.Object({ thread: Type.Integer(), answer: Nullable(Type.Integer()) });

export const KindState = Type.Object({ thread: Type.Integer(), kind: Type.String() });

/** The form that changes a thread's kind: the thread as the viewer may see it and its kind now. */
export const KindForm = Type.Object({ thread: ThreadHeading, kind: Type.String() });

/** A thanks toggled: the post, whether the viewer now thanks it, and how many do. */
export const ThanksState = Type.Object({ post: Type.Integer(), thanked: Type.Boolean(), count: Type.Integer() });

/** Who thanked a post (the latest first), as the viewer may see it. */
export const ThanksList = Type.Object({
  post: Type.Object({ id: Type.Integer(), threadId: Type.Integer() }),
  thread: ThreadHeading,
  count: Type.Integer(),
  people: Type.Array(Type.Object({ username: Type.String(), displayName: Type.String(), thankedAt: Type.String() })),
});
