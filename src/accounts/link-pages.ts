// What the pages opened from an emailed link share: the link's secret is in their address, and a link
// no longer usable answers 410 with the way to get a new one.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LinkExpiredError } from './recovery.service.js';

/** No page opened from a link hands its address on as a Referer. */
export const keepLinkPrivate = async (_request: FastifyRequest, reply: FastifyReply): Promise<void> => {
  reply.header('referrer-policy', 'no-referrer');
};

/** A link unknown, used or expired: scripts get the 410 error, browsers a page linking to `askAgainPath`. */
export function linkExpired(request: FastifyRequest, reply: FastifyReply, askAgainPath: string): FastifyReply {
  if (request.wantsJson) throw new LinkExpiredError();
  return reply.page('recovery/expired', { askAgainPath }, { status: 410, title: request.t('recovery.expired.title') } as never);
}
