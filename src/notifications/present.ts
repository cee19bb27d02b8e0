// Notifications as a person sees them: grouped ("3 new replies in Season opening"), each checked against
// the one visibility rule for the reader, in the reader's language. The page, its JSON and the emails
// all come from here.
import type { Translate } from '../core/i18n/index.js';
import { escapeHtml, excerpt } from '../core/markdown.js';
import type { Viewer } from '../core/viewer.js';
import type { NotificationKind } from '../db/schema.js';
import { personName, threadTitleFor } from '../posts/present.js';
import type { ThreadHeading } from '../posts/posts.schemas.js';
import { bodyIsReadable, postVisibility, visibilityFacts } from '../posts/visibility.js';
import type { NotificationDetailRow } from './notifications.queries.js';
import type { NotificationGroup } from './notifications.schemas.js';

/** Whether the reader may still see what the notification is about (its post: readable, not deleted). */
export function notificationVisible(row: NotificationDetailRow, reader: Viewer): boolean {
  return row.post_id === null || row.post_author_id === null || bodyIsReadable(postVisibility(reader, visibilityFacts(row, 'post_')));
}

/** The notification's thread, its title and slug as the reader may see them. */
function threadOf(row: NotificationDetailRow, reader: Viewer, t: Translate): ThreadHeading {
  return threadTitleFor({ ...row, id: row.thread_id, title: row.thread_title, slug: row.thread_slug }, reader, t);
}

const GROUP_FAMILY: Record<NotificationKind, string> = {
  thread: 'thread',
  post: 'posts',
  watched: 'posts',
  reply: 'reply',
  mention: 'mention',
  hidden: 'hidden',
  moved: 'moved',
  'meeting-changed': 'meeting-changed',
  'meeting-cancelled': 'meeting-cancelled',
  'meeting-reminder': 'meeting-reminder',
  'waitlist-promoted': 'waitlist-promoted',
  minutes: 'minutes',
  accepted: 'accepted',
  thanked: 'thanked',
};

/** The key notifications are grouped by: new threads per network, replies per thread, the rest alone. */
export function groupKey(kind: NotificationKind, ids: { networkId: number; threadId: number; postId: number | null; eventId: number }): string {
  switch (kind) {
    case 'thread':
      return `thread:n${ids.networkId}`;
    case 'post':
    case 'watched':
      return `posts:t${ids.threadId}`;
    case 'reply':
      return `reply:t${ids.threadId}`;
    // "Anna and 3 others thanked your post": one group per post.
    case 'thanked':
      return `thanked:p${ids.postId}`;
    default:
      return `${kind}:e${ids.eventId}`;
  }
}

function reasonText(row: NotificationDetailRow, t: Translate): string | null {
  if (row.kind !== 'hidden' || !row.reason) return null;
  const reason = row.rule !== null ? t('moderation.reason.ruleNumber', { number: row.rule }) : t(`moderation.reason.${row.reason}`);
  return t('notifications.reason', { reason });
}

/** The sentence for a group, in plain text and in HTML (values escaped, the title emphasised). */
function sentence(t: Translate, family: string, count: number, values: Record<string, string>): { text: string; html: string } {
  const key = `notifications.${family}${count > 1 && (family === 'thread' || family === 'posts' || family === 'reply' || family === 'thanked') ? '.many' : ''}`;
  // `others`: the rest of a group beside the one named ("Anna and 3 others thanked your post").
  const all = { ...values, count: String(count), others: String(count - 1) };
  const text = t(key, { ...all, title: `“${values.title}”` });
  const escaped = Object.fromEntries(Object.entries(all).map(([name, value]) => [name, escapeHtml(value)]));
  const html = t(key, { ...escaped, title: `<em>${escapeHtml(values.title ?? '')}</em>` });
  return { text, html };
}

/**
 * One group from its notifications (newest first) as the reader may see them. `total` is how many
 * the group holds (more than `rows` when only a sample was loaded); null when none may be seen.
 */
export function presentGroup(rows: NotificationDetailRow[], total: number, unread: boolean, reader: Viewer, t: Translate): NotificationGroup | null {
  const visible = rows.filter((row) => notificationVisible(row, reader));
  const newest = visible[0];
  if (!newest) return null;
  const count = Math.max(visible.length, total - (rows.length - visible.length));
  const family = GROUP_FAMILY[newest.kind];
  const thread = threadOf(newest, reader, t);
  const title = thread.titleHidden ? null : thread.title;
  const actor = newest.actor_username ? personName(newest.actor_username, newest.actor_display_name!, newest.actor_deleted_at) : null;
  const values = {
    name: actor ? (actor.former ? t('people.formerMember') : actor.displayName) : t('notifications.someone'),
    title: title ?? t('notifications.hiddenTitle'),
    network: newest.network_name,
  };
  const { text, html } = sentence(t, family, count, values);
  const reason = reasonText(newest, t);
  return {
    id: newest.id,
    ids: visible.map((row) => row.id),
    kind: newest.kind,
    count,
    unread,
    text,
    html,
    href: `/notifications/${newest.id}`,
    createdAt: newest.created_at.toISOString(),
    network: { slug: newest.network_slug, name: newest.network_name },
    thread: { id: thread.id, title, slug: thread.slug },
    post: newest.post_id === null ? null : { id: newest.post_id, excerpt: newest.post_html ? excerpt(newest.post_html, 160) : null },
    actor,
    reason: reason || newest.note ? { text: reason, note: newest.note ? t('notifications.note', { note: newest.note }) : null } : null,
  };
}

/** Groups loose notifications (newest first) by their key, in order of each group's newest. */
export function groupRows(rows: NotificationDetailRow[], reader: Viewer, t: Translate): NotificationGroup[] {
  const byKey = new Map<string, NotificationDetailRow[]>();
  for (const row of rows) {
    const key = `${row.group_key}|${row.read_at === null}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(row);
  }
  return [...byKey.values()]
    .map((list) => presentGroup(list, list.length, list[0]!.read_at === null, reader, t))
    .filter((group): group is NotificationGroup => group !== null);
}

/** Where opening a notification leads. */
export function targetOf(notification: { kind: NotificationKind; post_id: number | null; thread_id: number }, groupSize: number, networkSlug: string): string {
  if (notification.kind === 'thread' && groupSize > 1) return `/n/${networkSlug}`;
  if (notification.kind === 'thread' || notification.kind === 'moved' || notification.post_id === null) return `/t/${notification.thread_id}`;
  // About a meeting itself (its time, place, answers): the meeting's page; the minutes are a post.
  if (notification.kind.startsWith('meeting-') || notification.kind === 'waitlist-promoted') return `/t/${notification.thread_id}`;
  return `/p/${notification.post_id}`;
}
