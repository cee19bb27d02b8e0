// What every page's header shows beyond the account itself: for conveners and admins, the moderator
// menu (moderation): the review queue with how many posts await review, and the log, rules and conveners
// of each network they convene. One query, asked only for moderators; everyone else costs nothing.
import type { FastifyInstance } from 'fastify';
import { moderatorReviewCounts } from '../moderation/public.js';

export async function layoutData(app: FastifyInstance): Promise<void> {
  const { db } = app.database;
  app.addLayoutData((request) => {
    const { viewer } = request;
    const isAdmin = viewer?.role === 'admin';
    if (!viewer || (!isAdmin && viewer.convenes.length === 0)) return {};
    return moderatorReviewCounts(db, { convenes: viewer.convenes, isAdmin }).then((networks) => moderatorMenuOf(networks, isAdmin));
  });
}

/** The moderator menu's fields: review counts of every network for an admin, of their own for a convener. */
function moderatorMenuOf(networks: Awaited<ReturnType<typeof moderatorReviewCounts>>, isAdmin: boolean) {
  const convened = networks.filter((network) => network.convened);
  const reviewCount = (isAdmin ? networks : convened).reduce((sum, network) => sum + network.reviewCount, 0);
  return {
    // null for everyone else: the layout shows no moderator items.
    moderatorMenu: {
      reviewCount,
      // Admins review every network at /review; conveners each of theirs at /n/:network/review.
      allNetworks: isAdmin,
      networks: convened.map(({ slug, name, reviewCount: count }) => ({ slug, name, reviewCount: count })),
    },
  };
}
