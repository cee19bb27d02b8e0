// @username mentions: linked in a post's stored HTML when it is written, and read back from that HTML
// by the notifications worker. Only this module writes the mention markup, after the Markdown sanitizer
// has run (which strips classes and data attributes from links), so an author cannot forge one.
import type { Kysely } from 'kysely';
import { usernameKey } from '../accounts/usernames.js';
import type { DB } from '../db/schema.js';
import { findAccountsByUsernameKeys } from './notifications.queries.js';

/** At most this many accounts are told about being mentioned in one post. */
export const MAX_NOTIFIED_MENTIONS = 10;

/** Distinct names looked up per post; further ones stay plain text. */
const MAX_LOOKUPS = 50;

// A username (see accounts.schemas.ts) after an @ that does not follow a letter, digit or one of
// `@ / . _ -` (so e-mail addresses and paths are not mentions).
const MENTION = /(?<![\p{L}\p{N}@/._-])@([\p{L}\p{N}_-]{3,30})/gu;

/** Tags whose text is never scanned: links (already linked) and code (meant literally). */
const SKIP_TAGS = new Set(['a', 'code', 'pre']);

/** The stored HTML split into tags and text; our HTML escapes every `<` and `>` in text and attributes. */
function tokens(html: string): string[] {
  return html.split(/(<[^>]*>)/);
}

function mentionNames(html: string): string[] {
  const names: string[] = [];
  forEachText(html, (text) => {
    for (const match of text.matchAll(MENTION)) names.push(match[1]!);
    return text;
  });
  return names;
}

/** Calls `edit` on every run of text outside links and code, and puts back what it returns. */
function forEachText(html: string, edit: (text: string) => string): string {
  let skipping = 0;
  return tokens(html)
    .map((token) => {
      if (token.startsWith('<')) {
        const tag = /^<(\/?)([a-z0-9]+)/i.exec(token);
        if (tag && SKIP_TAGS.has(tag[2]!.toLowerCase())) skipping = Math.max(0, skipping + (tag[1] ? -1 : 1));
        return token;
      }
      return skipping > 0 || !token.includes('@') ? token : edit(token);
    })
    .join('');
}

/**
 * Links every @username in the HTML that names an account: `<a class="mention" href="/u/name"
 * data-mention="id">@name</a>`. Names of no account stay plain text. One query, none without an @.
 */
export async function linkMentions(db: Kysely<DB>, html: string): Promise<string> {
  const names = mentionNames(html);
  if (names.length === 0) return html;
  const keys = [...new Set(names.map(usernameKey))].slice(0, MAX_LOOKUPS);
  const accounts = await findAccountsByUsernameKeys(db, keys);
  if (accounts.length === 0) return html;
  const byKey = new Map(accounts.map((account) => [account.username_key, account]));
  return forEachText(html, (text) =>
    text.replace(MENTION, (whole, name: string) => {
      const account = byKey.get(usernameKey(name));
      if (!account) return whole;
      return `<a class="mention" href="/u/${encodeURIComponent(account.username)}" data-mention="${account.id}">@${name}</a>`;
    }),
  );
}

/** The accounts a post's stored HTML mentions, in order of first mention, each once. */
export function mentionedAccountIds(html: string): number[] {
  const ids = new Set<number>();
  for (const match of html.matchAll(/<a class="mention" href="[^"]*" data-mention="(\d+)">/g)) ids.add(Number(match[1]));
  return [...ids];
}
