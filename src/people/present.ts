// A person's page as a viewer sees it: what the member chose to show, and their latest posts as the
// one visibility rule lets this viewer read them.
import type { Kysely } from 'kysely';
import { AVATAR_COLOURS, avatarColour, initials } from '../core/avatar.js';
import type { Translate } from '../core/i18n/index.js';
import { excerpt } from '../core/markdown.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { findThreads, type PostRow } from '../posts/posts.queries.js';
import { threadTitleFor, visibilityOf } from '../posts/present.js';
import { bodyIsReadable } from '../posts/visibility.js';
import { businessesOfAccount } from '../businesses/public.js';
import { networksOfMember } from '../networks/public.js';
import { recognitionOf } from '../threads/public.js';
import { latestPostsOf, networksOfPerson, type PersonRow } from './people.queries.js';
import type { PersonJson } from './people.schemas.js';

/** How many of their latest threads, and of their latest replies, a person's page lists. */
export const LATEST_POSTS = 10;

/** The period a person's page counts answers marked and thanks received over: about 12 months. */
const RECOGNITION_DAYS = 365;

/** Where excerpts of the listed posts stop. */
const EXCERPT_CHARS = 160;

/**
 * The person's latest threads and replies this viewer may read: the rule decides each post, so a hidden
 * one is listed only to its author and the network's moderators, and a hidden opening post's title is
 * never named to others. Three queries.
 */
async function latestPosts(db: Kysely<DB>, accountId: number, viewer: Viewer | null, t: Translate) {
  const [openings, replies] = await Promise.all([latestPostsOf(db, accountId, 'opening', LATEST_POSTS), latestPostsOf(db, accountId, 'reply', LATEST_POSTS)]);
  const readable = (rows: PostRow[]) => rows.filter((row) => bodyIsReadable(visibilityOf(row, viewer)));
  const [shownOpenings, shownReplies] = [readable(openings), readable(replies)];
  const threads = new Map(
    (await findThreads(db, [...new Set([...shownOpenings, ...shownReplies].map((row) => row.thread_id))])).map((thread) => [thread.id, thread]),
  );
  const listed = (rows: PostRow[]) =>
    rows.map((row) => {
      const { id, title, slug } = threadTitleFor(threads.get(row.thread_id)!, viewer, t);
      return { id: row.id, thread: { id, title, slug }, createdAt: row.created_at.toISOString(), excerpt: excerpt(row.html, EXCERPT_CHARS) };
    });
  return { threads: listed(shownOpenings), replies: listed(shownReplies) };
}

/** The person's page as JSON: private fields only when the member shows them (the email only once proven). */
export async function personJson(db: Kysely<DB>, person: PersonRow, viewer: Viewer | null, t: Translate): Promise<PersonJson> {
  const [businesses, networks, memberOf, posts, recognition] = await Promise.all([
    businessesOfAccount(db, person.id),
    networksOfPerson(db, person.id),
    networksOfMember(db, person.id),
    latestPosts(db, person.id, viewer, t),
    // What they gave over the last 12 months: answers marked and thanks received (counts only, no ranks).
    recognitionOf(db, person.id, new Date(Date.now() - RECOGNITION_DAYS * 24 * 3600 * 1000)),
  ]);
  const link = ({ slug, name }: { slug: string; name: string }) => ({ slug, name });
  return {
    username: person.username,
    displayName: person.display_name,
    avatar: { initials: initials(person.display_name), colour: AVATAR_COLOURS[avatarColour(person.username)]! },
    memberSince: person.created_at.toISOString(),
    presentation: person.presentation ?? '',
    presentationHtml: person.presentation_html ?? '',
    website: person.website,
    ...(person.show_phone && person.phone ? { phone: person.phone } : {}),
    ...(person.show_email && person.email && person.email_confirmed_at ? { email: person.email } : {}),
    businesses: businesses.map((business) => ({ slug: business.slug, name: business.name, role: business.role })),
    memberOf: memberOf.map(link),
    follows: networks.filter((network) => network.follows).map(link),
    convenes: networks.filter((network) => network.convenes).map(link),
    ...posts,
    recognition,
  };
}

/** The profile form's values as the member left them (empty for one never filled). */
export function profileValues(person: PersonRow) {
  return {
    presentation: person.presentation ?? '',
    website: person.website,
    phone: person.phone,
    showPhone: person.show_phone ?? false,
    showEmail: person.show_email ?? false,
  };
}
