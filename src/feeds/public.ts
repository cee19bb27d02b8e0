// What other features use of the feeds: the links a board's and a thread's pages name in their <head>
// (the layout renders alternateLinks).
export function boardFeedLink(network: { slug: string; name: string }) {
  return { type: 'application/atom+xml', href: `/n/${network.slug}/feed.atom`, title: network.name };
}
export function threadFeedLink(thread: { id: number; title: string }) {
  return { type: 'application/atom+xml', href: `/t/${thread.id}/feed.atom`, title: thread.title };
}
