// The side column of a network's board and its threads (beside the page from 1,100 px, after it on a
// phone): the network's description, its conveners (moderation), its rule titles and the businesses
// active in it (businesses).
import type { Reading } from '../core/shared-reads.js';
import { networkBusinesses } from '../businesses/public.js';
import { listConveners } from '../moderation/public.js';
import type { NetworkRow } from '../networks/public.js';

/** The rule titles the page has already read (the posting forms show them too). */
type RuleTitles = ReadonlyArray<{ number: number; title: string }>;

/**
 * The conveners, names linking to their profiles, and the network's businesses: two queries, the same
 * for every viewer, shared with the network's boards until an event changes them.
 */
export async function networkAside({ db, reads }: Reading, network: Pick<NetworkRow, 'id' | 'slug' | 'name' | 'description_html'>, rules: RuleTitles) {
  const { conveners, businesses } = await reads.read(`network ${network.id} aside`, ['boards'], async () => {
    const [convenerRows, businesses] = await Promise.all([listConveners(db, [network.id]), networkBusinesses(db, network.id)]);
    return { conveners: convenerRows.map((convener) => ({ username: convener.username, displayName: convener.display_name })), businesses };
  });
  return { network: { slug: network.slug, name: network.name, descriptionHtml: network.description_html }, conveners, rules, businesses };
}
