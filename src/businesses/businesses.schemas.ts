// What the businesses routes take, and a business, its staff and the directory as JSON answers give
// them. Bodies drop fields they do not name (the validator's removeAdditional).
import { Type, type Static } from 'typebox';
import { Nullable } from '../core/schemas.js';
import { AccountName } from '../posts/posts.schemas.js';

/** Longest a slug may be, as the businesses table's check says. */
export const SLUG_MAX = 60;

export const businessParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: SLUG_MAX }) });
export type BusinessParams = Static<typeof businessParams>;

const role = Type.String({ minLength: 1, maxLength: 40 });
const username = Type.String({ minLength: 1, maxLength: 60 });

/**
 * A business's page as its form sends it. `slug` may be left out (made from the name); `networks` are
 * network slugs, one form field per ticked box. The website is checked by the service (http/https).
 */
export const businessBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 80 }),
    slug: Type.Optional(Type.String({ minLength: 2, maxLength: SLUG_MAX, pattern: '^[a-z0-9-]+$' })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    website: Type.Optional(Type.String({ maxLength: 200 })),
    place: Type.Optional(Type.String({ maxLength: 120 })),
    networks: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type BusinessInput = Static<typeof businessBody>;

/** Creating one also says what the creator does there ("owner" when left empty). */
export const newBusinessBody = Type.Object({ ...businessBody.properties, role: Type.Optional(role) }, { additionalProperties: false });

export const invitationBody = Type.Object({ username, role }, { additionalProperties: false });
export const staffMemberBody = Type.Object({ username }, { additionalProperties: false });

export const directoryQuery = Type.Object({
  /** A network's slug: only the businesses active in it. */
  network: Type.Optional(Type.String({ maxLength: 40 })),
  /** Part of a business's name, any case. */
  q: Type.Optional(Type.String({ maxLength: 80 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});
export type DirectoryQuery = Static<typeof directoryQuery>;

const NetworkName = Type.Object({ slug: Type.String(), name: Type.String() });

export const StaffJson = Type.Object({ ...AccountName.properties, role: Type.String(), isAdmin: Type.Boolean() });

/** A business's page (present.ts businessJson). */
export const BusinessJson = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  descriptionHtml: Type.String(),
  website: Nullable(Type.String()),
  place: Nullable(Type.String()),
  networks: Type.Array(NetworkName),
  staff: Type.Array(StaffJson),
  createdAt: Type.String(),
});
export type BusinessJson = Static<typeof BusinessJson>;

/** A line of the directory. */
export const DirectoryEntryJson = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  place: Nullable(Type.String()),
  networks: Type.Array(NetworkName),
  staffCount: Type.Integer(),
});

export const DirectoryJson = Type.Object({
  businesses: Type.Array(DirectoryEntryJson),
  page: Type.Integer(),
  /** null on the last page. */
  nextPage: Nullable(Type.Integer()),
});

/** A pending invitation to join a business's staff, as the invitee's notifications show it. */
export const InvitationJson = Type.Object({
  business: NetworkName,
  role: Type.String(),
  invitedBy: Nullable(AccountName),
  createdAt: Type.String(),
});
export type InvitationJson = Static<typeof InvitationJson>;

/** What a staff change answers scripts: the staff as they are now. */
export const StaffChanged = Type.Object({ slug: Type.String(), staff: Type.Array(StaffJson) });

export const InvitationSent = Type.Object({ slug: Type.String(), username: Type.String(), role: Type.String(), invited: Type.Boolean() });

export const InvitationWithdrawn = Type.Object({ slug: Type.String(), username: Type.String() });

export const InvitationAnswered = Type.Object({ slug: Type.String(), accepted: Type.Boolean() });

/** After leaving: whether the business is still there (it goes when its last staff member leaves). */
export const LeftBusiness = Type.Object({ slug: Type.String(), businessDeleted: Type.Boolean() });
