import type { Locale } from '../config.js';
import type { Role } from '../db/schema.js';

/** The signed-in account behind a request; cached briefly per session, dropped by the events that change it (accounts/session-cache.ts). */
export interface Viewer {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale | null;
  createdAt: Date;
  /** Ids of the networks this account convenes (moderates). */
  convenes: readonly number[];
  /** Whether the account's address is proven; until it is, the account reads but does not post or flag. */
  emailConfirmed: boolean;
}
