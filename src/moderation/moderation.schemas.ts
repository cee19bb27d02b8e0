// What the moderation routes take and answer. Bodies drop the fields they do not name (additionalProperties
// false, with the validator's removeAdditional); the services take the types these schemas give.
import { Type, type Static } from 'typebox';
import { blankForm, databaseId, Nullable, OneOf } from '../core/schemas.js';
import { AccountName, MovedJson, NetworkName, PostJson, RuleTitle, ThreadHeading } from '../posts/posts.schemas.js';
import { SentInvitationJson } from './convener-invitations.schemas.js';
import { MAX_RULE_BODY, MAX_RULE_TITLE } from './rules.service.js';
import { MAX_SUSPENSION_DAYS } from './suspensions.service.js';

const closed = { additionalProperties: false } as const;
const username = Type.String({ minLength: 1, maxLength: 60 });

/** A reason as hiding and flagging take it: a kind, the rule's number for `rule`, a note for `other`. */
export const reasonBody = Type.Object(
  {
    reason: OneOf(['off-topic', 'rule', 'spam', 'other']),
    rule: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  {
    ...closed,
    allOf: [
      { if: { properties: { reason: { const: 'rule' } } }, then: { required: ['rule'] } },
      { if: { properties: { reason: { const: 'other' } } }, then: { required: ['note'] } },
    ],
  },
);
export type Reason = Static<typeof reasonBody>;

export const usernameBody = Type.Object({ username }, closed);
export const accountParams = Type.Object({ username });
export type AccountParams = Static<typeof accountParams>;
export const convenerParams = Type.Object({ network: Type.String({ maxLength: 40 }), username: Type.String({ maxLength: 60 }) });

/** Lengths are checked here; how many rules are filled in (at most 20), in the service. */
export const rulesBody = Type.Object(
  {
    title: Type.Optional(Type.Array(Type.String({ maxLength: MAX_RULE_TITLE }), { maxItems: 50 })),
    body: Type.Optional(Type.Array(Type.String({ maxLength: MAX_RULE_BODY }), { maxItems: 50 })),
  },
  closed,
);
export type RulesInput = Static<typeof rulesBody>;

const suspensionFields = {
  /** 1–3650 days from now… */
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SUSPENSION_DAYS })),
  /** …or until this moment: an ISO date (midnight in the forum's time zone) or date and time; checked in the service. */
  until: Type.Optional(Type.String({ maxLength: 40 })),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
};
export const suspendBody = Type.Object(suspensionFields, closed);
export type SuspensionInput = Static<typeof suspendBody>;
export const barBody = Type.Object({ username, ...suspensionFields }, closed);
/** The bar form, opened from a person's page with their username filled in. */
export const barFormQuery = Type.Object({ username: Type.Optional(username) });

export const moveBody = Type.Object(
  {
    /** The target network's slug. */
    network: Type.String({ minLength: 1, maxLength: 40 }),
    note: Type.String({ minLength: 1, maxLength: 500 }),
  },
  closed,
);
export type MoveInput = Static<typeof moveBody>;

export const logQuery = Type.Object({ before: Type.Optional(databaseId) });

/** The form that hides or flags a post: the post as the viewer may see it, where the form posts, and why. */
export const ReasonForm = Type.Object({
  post: PostJson,
  action: Type.String(),
  purpose: Type.String(),
  /** The network's rules, to choose the one the post breaks. */
  rules: Type.Array(RuleTitle),
  ...blankForm,
});

export const ConvenersJson = Type.Object({ network: Type.String(), conveners: Type.Array(AccountName) });
/** The conveners page: its conveners and the invitations to convene it that wait for an answer. */
export const ConvenersPage = Type.Object({ network: Type.String(), conveners: Type.Array(AccountName), invitations: Type.Array(SentInvitationJson) });

/** A thread as its moderators' actions answer it. */
export const ModeratedThread = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  slug: Type.String(),
  network: NetworkName,
  pinned: Type.Boolean(),
  locked: Type.Boolean(),
  moved: MovedJson,
});

export const MoveForm = Type.Object({
  thread: Type.Object({ id: Type.Integer(), title: Type.String(), network: NetworkName }),
  tools: Type.Object({ moveTargets: Type.Array(NetworkName) }),
  ...blankForm,
});

export const RuleJson = Type.Object({ number: Type.Integer(), title: Type.String(), body: Type.String(), bodyHtml: Type.String() });
export const RulesJson = Type.Object({ network: NetworkName, rules: Type.Array(RuleJson) });

const runningSuspension = Type.Object({ username: Type.String(), displayName: Type.String(), until: Type.String(), reason: Type.String() });
/** The suspend form (an account, forum-wide) and the bar form (a network), with the suspensions running. */
export const SuspendForm = Type.Object({ scope: Type.String(), account: AccountName, active: Type.Array(runningSuspension), ...blankForm });
export const BarForm = Type.Object({ scope: Type.String(), network: NetworkName, active: Type.Array(runningSuspension), ...blankForm });
export const Suspended = Type.Object({ username: Type.String(), scope: Type.String(), until: Type.String(), reason: Type.String() });
export const SuspensionLifted = Type.Object({ username: Type.String(), scope: Type.String(), lifted: Type.Boolean() });
export const Barred = Type.Object({ username: Type.String(), network: Type.String(), until: Type.String(), reason: Type.String() });
export const BarLifted = Type.Object({ username: Type.String(), network: Type.String(), lifted: Type.Boolean() });

/** A page of the moderation log (moderation/log.present.ts logEntryJson); `nextCursor` is null on the last page. */
export const LogPage = Type.Object({
  network: NetworkName,
  entries: Type.Array(
    Type.Object({
      id: Type.Integer(),
      action: Type.String(),
      at: Type.String(),
      /** null when members' flags acted (community hiding). */
      actor: Nullable(AccountName),
      byCommunity: Type.Boolean(),
      account: Nullable(AccountName),
      reason: Nullable(Type.String()),
      rule: Nullable(Type.Integer()),
      note: Nullable(Type.String()),
      until: Nullable(Type.String()),
      movedTo: Nullable(NetworkName),
      thread: Nullable(ThreadHeading),
      /** The post's HTML only for the network's conveners and admins; null for everyone else. */
      post: Nullable(Type.Object({ id: Type.Integer(), html: Nullable(Type.String()) })),
    }),
  ),
  nextCursor: Nullable(Type.Integer()),
});
