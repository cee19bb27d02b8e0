// What the membership routes take and answer.
import { Type, type Static } from 'typebox';
import { Nullable } from '../core/schemas.js';

/** A members page's `before`: "<joined_at in microseconds>.<account id>", as the page's next link gives it. */
export const membersQuery = Type.Object({ before: Type.Optional(Type.String({ maxLength: 40, pattern: '^\\d{1,18}\\.\\d{1,10}$' })) });

/** After joining or leaving: whether the viewer is now a member, and how many members the network has. */
export const MembershipJson = Type.Object({ network: Type.String(), member: Type.Boolean(), members: Type.Integer() });
export type MembershipJson = Static<typeof MembershipJson>;

/** A member as the members page lists them: their avatar, the business they are shown with, whether they convene the network. */
export const MemberJson = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  avatar: Type.Object({ initials: Type.String(), colour: Type.String() }),
  business: Nullable(Type.Object({ slug: Type.String(), name: Type.String() })),
  convener: Type.Boolean(),
  joinedAt: Type.String(),
});

/** A page of a network's members, the newest first; `next` is null on the last page. `count` counts them all. */
export const MembersPage = Type.Object({
  network: Type.Object({ slug: Type.String(), name: Type.String(), audience: Type.String(), posting: Type.String() }),
  count: Type.Integer(),
  /** The viewer's own membership; null for a guest. */
  member: Nullable(Type.Boolean()),
  members: Type.Array(MemberJson),
  next: Nullable(Type.String()),
});
