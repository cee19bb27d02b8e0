// A member's profile as they write it: the presentation rendered with the forum's safe Markdown, the
// website only http or https (a link on the page must not run anything), and phone and email shown
// only when ticked.
import type { Kysely } from 'kysely';
import { ValidationError } from '../core/errors.js';
import { renderMarkdown } from '../core/markdown.js';
import type { DB } from '../db/schema.js';
import { saveProfile } from './people.queries.js';
import type { ProfileInput } from './people.schemas.js';

/** The website as given, or null when left empty; 400 on `website` unless it is an http or https address. */
function websiteOf(input: string | undefined): string | null {
  if (input === undefined) return null;
  // Lower-case scheme, as the table's check asks; no spaces, which a link would not carry.
  if (!/^https?:\/\/\S+$/.test(input) || !URL.canParse(input)) throw new ValidationError({ website: 'people.websiteInvalid' });
  return input;
}

export async function editProfile(db: Kysely<DB>, accountId: number, input: ProfileInput): Promise<void> {
  const presentation = input.presentation ?? '';
  await saveProfile(db, accountId, {
    presentation,
    presentationHtml: renderMarkdown(presentation),
    website: websiteOf(input.website),
    phone: input.phone ?? null,
    showPhone: input.showPhone ?? false,
    showEmail: input.showEmail ?? false,
  });
}
