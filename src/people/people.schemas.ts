// What the people routes take, and a person's page as JSON answers give it.
import { Type, type Static } from 'typebox';
import { Nullable } from '../core/schemas.js';

export const personParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 60 }) });

/** Longest presentation, as the profiles table's check says. */
export const PRESENTATION_MAX = 1000;

/**
 * A profile as its form sends it. A field left empty is not sent (and is cleared); a ticked box sends
 * "true". The website is checked by the route (http or https).
 */
export const profileBody = Type.Object(
  {
    presentation: Type.Optional(Type.String({ maxLength: PRESENTATION_MAX })),
    website: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ minLength: 3, maxLength: 30, pattern: '^\\+?[0-9][0-9 ()./-]*$' })),
    showPhone: Type.Optional(Type.Boolean()),
    showEmail: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ProfileInput = Static<typeof profileBody>;

const NetworkLink = Type.Object({ slug: Type.String(), name: Type.String() });
const ThreadLink = Type.Object({ id: Type.Integer(), title: Type.String(), slug: Type.String() });

/** A post of the person's as their page lists it: where it is, when, and the start of what it says. */
const PersonPost = Type.Object({ id: Type.Integer(), thread: ThreadLink, createdAt: Type.String(), excerpt: Type.String() });

/** A person's page as scripts get it. `phone` and `email` are present only when the member chose to show them. */
export const PersonJson = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  avatar: Type.Object({ initials: Type.String(), colour: Type.String() }),
  memberSince: Type.String(),
  presentation: Type.String(),
  presentationHtml: Type.String(),
  website: Nullable(Type.String()),
  phone: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  businesses: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), role: Type.String() })),
  /** The networks the person joined, by name. */
  memberOf: Type.Array(NetworkLink),
  /** Over the last 12 months: their replies marked as a question's answer, and thanks their posts received (visible ones only). */
  recognition: Type.Object({ answers: Type.Integer(), thanks: Type.Integer() }),
  follows: Type.Array(NetworkLink),
  convenes: Type.Array(NetworkLink),
  threads: Type.Array(PersonPost),
  replies: Type.Array(PersonPost),
});
export type PersonJson = Static<typeof PersonJson>;

/** The profile form's page as its own JSON: what it holds now. */
export const ProfileForm = Type.Object({
  values: Type.Object({
    presentation: Type.String(),
    website: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    showPhone: Type.Boolean(),
    showEmail: Type.Boolean(),
  }),
  errors: Type.Object({}),
});
