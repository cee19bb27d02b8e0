// What other features use of email besides the app.email service: the setting the /me page shows.
import type { Kysely } from 'kysely';
import type { DB, EmailFrequency } from '../db/schema.js';
import { emailFrequencies } from './email.queries.js';

export type { AccountEmail } from './account-emails.js';

/** The email choices on /me, the account's own checked. */
function emailSettingsView(current: EmailFrequency, enabled: boolean) {
  return {
    enabled,
    choices: (['daily', 'instant', 'none'] as const).map((value) => ({ value, label: `following.email.${value}`, checked: value === current })),
  };
}

/** How often the account gets email, and the form that changes it (`enabled`: whether this forum sends email). */
export async function emailSettingsOf(db: Kysely<DB>, accountId: number, enabled: boolean) {
  const frequency = (await emailFrequencies(db, [accountId])).get(accountId)!;
  return { frequency, view: emailSettingsView(frequency, enabled) };
}
