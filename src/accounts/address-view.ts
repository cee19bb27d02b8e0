// The address form on /me (views/partials/address-change.hbs): the address in use, and whether a
// change waits for a link to the new one (email on) or happens at once.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { findAddressOf } from './confirmation.queries.js';

export async function addressChangeView(db: Kysely<DB>, accountId: number, emailEnabled: boolean) {
  const account = await findAddressOf(db, accountId);
  return { current: account?.email ?? '', hint: emailEnabled ? 'recovery.address.hint' : undefined };
}
