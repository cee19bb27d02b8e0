// What the offers routes take and answer.
import { Type, type Static } from 'typebox';
import { Nullable, OneOf } from '../core/schemas.js';

/** A day as a date field sends it (YYYY-MM-DD); whether it exists, and is within the year, the service checks. */
export const offerDay = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
export const offerAudience = OneOf(['network', 'everyone']);

/** Ending an offer early, giving it a new day, or marking it taken. */
export const offerChangeBody = Type.Object(
  { action: OneOf(['end', 'extend', 'taken']), until: Type.Optional(Type.Union([offerDay, Type.Literal('')])) },
  { additionalProperties: false },
);

const person = Type.Object({ username: Type.String(), displayName: Type.String() });

/** An offer as lists and its thread show it. `state`: open, ended (its day passed, or its author ended it) or taken. */
export const OfferJson = Type.Object({
  threadId: Type.Integer(),
  title: Type.String(),
  slug: Type.String(),
  network: Type.Object({ slug: Type.String(), name: Type.String() }),
  author: person,
  until: Type.String(),
  audience: Type.String(),
  state: Type.String(),
  createdAt: Type.String(),
});
export type OfferJson = Static<typeof OfferJson>;

export const OffersPage = Type.Object({ offers: Type.Array(OfferJson) });

/** What changing an offer answers: the offer as it is now. */
export const OfferChanged = Type.Object({ offer: OfferJson });

export const OfferOfThread = Nullable(OfferJson);
