/**
 * The words routes use after `/t/:id/`: a thread's slug goes in that place too (`/t/15/<slug>`), so a
 * title that slugs to one of them ("Move!") gets a suffix instead of opening a form. A test lists the
 * app's routes and fails when one is missing here.
 */
export const ROUTE_WORDS: ReadonlySet<string> = new Set([
  'reply',
  'replies',
  'move',
  'lock',
  'unlock',
  'pin',
  'unpin',
  'watch',
  'unwatch',
  'mute',
  'rsvp',
  'meeting',
  'minutes',
  'kind',
  'offer',
]);

/** A URL-friendly form of a title: "Säsongsstart på Kajakön!" → "sasongsstart-pa-kajakon"; "Move!" → "move-thread". */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  if (!slug) return 'thread';
  return ROUTE_WORDS.has(slug) ? `${slug}-thread` : slug;
}
