// A network's rules: public as a numbered list; conveners and admins edit them on the same page.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { signedInOnly } from '../accounts/guards.js';
import type { Viewer } from '../core/viewer.js';
import { loadNetwork, networkSlugParam, type NetworkParams, type NetworkRow } from '../networks/public.js';
import { listRules, type RuleRow } from './rules.queries.js';
import { RulesJson, rulesBody, type RulesInput } from './moderation.schemas.js';
import { MAX_RULES, replaceNetworkRules } from './rules.service.js';
import { canModerate } from '../posts/visibility.js';

/** Empty slots the edit form offers below the existing rules. */
const SPARE_SLOTS = 3;

export function ruleJson(rule: RuleRow) {
  return { number: rule.number, title: rule.title, body: rule.body, bodyHtml: rule.body_html };
}

/** The edit form's slots: what was sent (after a refused save) or the stored rules, then spare ones. */
function slotsFor(rules: ReadonlyArray<{ title: string; body: string }>) {
  const slots = rules.map((rule, i) => ({ number: i + 1, title: rule.title, body: rule.body }));
  while (slots.length < Math.min(MAX_RULES, rules.length + SPARE_SLOTS)) slots.push({ number: slots.length + 1, title: '', body: '' });
  return slots;
}

export async function rulesRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  async function pageData(network: NetworkRow, viewer: Viewer | null, sent?: RulesInput) {
    const rules = await listRules(db, network.id);
    const canEdit = canModerate(viewer, network.id);
    const drafts = sent
      ? Array.from({ length: Math.max(sent.title?.length ?? 0, sent.body?.length ?? 0) }, (_, i) => ({
          title: sent.title?.[i] ?? '',
          body: sent.body?.[i] ?? '',
        }))
      : rules;
    return {
      network: { slug: network.slug, name: network.name },
      rules: rules.map(ruleJson),
      canEdit,
      slots: canEdit ? slotsFor(drafts) : [],
    };
  }

  app.get('/n/:network/rules', { schema: { params: networkSlugParam, response: { 200: RulesJson } } }, async (request, reply) => {
    const network = await loadNetwork(db, request.params.network);
    const data = await pageData(network, request.viewer);
    return reply.page(
      'moderation/rules',
      { ...data, values: {}, errors: {} },
      {
        json: { network: data.network, rules: data.rules },
        title: request.t('rules.title', { network: network.name }),
      },
    );
  });

  app.post(
    '/n/:network/rules',
    {
      onRequest: signedInOnly,
      schema: { params: networkSlugParam, body: rulesBody, response: { 200: RulesJson } },
      config: {
        form: {
          view: 'moderation/rules',
          data: async (request: FastifyRequest) => {
            const network = await loadNetwork(db, (request.params as NetworkParams).network);
            const sent = request.body && typeof request.body === 'object' ? (request.body as RulesInput) : {};
            return pageData(network, request.viewer, { title: arrayOf(sent.title), body: arrayOf(sent.body) });
          },
        },
      },
    },
    async (request, reply) => {
      const network = await loadNetwork(db, request.params.network);
      await replaceNetworkRules(db, request.viewer!, network.id, request.body);
      reply.flash('notice.rulesSaved');
      const rules = (await listRules(db, network.id)).map(ruleJson);
      return reply.done(`/n/${network.slug}/rules`, { network: { slug: network.slug, name: network.name }, rules }, 200);
    },
  );
}

/** A form field that came once (a string) or several times (an array), as text. */
function arrayOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : ''));
  return typeof value === 'string' ? [value] : [];
}
