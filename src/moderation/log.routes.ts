// The public moderation log of a network: every action, who took it, when and why — never a hidden
// post's text, which only the network's conveners and admins see here.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Translate } from '../core/i18n/index.js';
import { loadNetwork, networkSlugParam } from '../networks/public.js';
import { withThreadPath } from '../posts/present.js';
import { logEntryJson } from './log.present.js';
import { listLogEntries } from './log.queries.js';
import { LogPage, logQuery } from './moderation.schemas.js';

export const LOG_PAGE_SIZE = 50;

export async function logRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  app.get('/n/:network/log', { schema: { params: networkSlugParam, querystring: logQuery, response: { 200: LogPage } } }, async (request, reply) => {
    const network = await loadNetwork(db, request.params.network);
    const rows = await listLogEntries(db, network.id, LOG_PAGE_SIZE + 1, request.query.before);
    const page = rows.slice(0, LOG_PAGE_SIZE);
    const nextCursor = rows.length > LOG_PAGE_SIZE ? page.at(-1)!.id : null;
    const entries = page.map((row) => logEntryJson(row, network.id, request.viewer, request.t));
    const json = { network: { slug: network.slug, name: network.name }, entries, nextCursor };
    // The page says the reason in words (a hiding reason's label, or a suspension's own text) and links the thread.
    const shown = entries.map((entry) => ({
      ...entry,
      reasonText: reasonText(entry.reason, entry.rule, request.t),
      thread: entry.thread && withThreadPath(entry.thread),
    }));
    return reply.page(
      'moderation/log',
      { ...json, entries: shown, firstPage: request.query.before === undefined },
      {
        json,
        title: request.t('log.title', { network: network.name }),
      },
    );
  });
}

const REASONS = new Set(['off-topic', 'rule', 'spam', 'other']);

function reasonText(reason: string | null, rule: number | null, t: Translate): string | null {
  if (reason === null) return null;
  if (reason === 'rule' && rule !== null) return t('moderation.reason.ruleNumber', { number: rule });
  return REASONS.has(reason) ? t(`moderation.reason.${reason}`) : reason;
}
