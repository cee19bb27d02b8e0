// A network's rules: conveners (and admins) replace the whole numbered list at once.
import type { Kysely } from 'kysely';
import { ValidationError } from '../core/errors.js';
import { recordEvent } from '../core/events.js';
import { renderMarkdown } from '../core/markdown.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { requireModeratorOf } from './guards.js';
import { writeLog } from './moderation.queries.js';
import type { RulesInput } from './moderation.schemas.js';
import { replaceRules } from './rules.queries.js';

export const MAX_RULES = 20;
export const MAX_RULE_TITLE = 120;
export const MAX_RULE_BODY = 2000;

export interface RuleDraft {
  title: string;
  body: string;
}

/**
 * The rules a form or JSON body describes: title[i] goes with body[i]; pairs left empty (a form's
 * spare slots) are dropped. A rule with an explanation but no title is refused, as are more than 20.
 */
export function rulesFromInput(input: RulesInput): RuleDraft[] {
  const titles = input.title ?? [];
  const bodies = input.body ?? [];
  const rules: RuleDraft[] = [];
  for (let i = 0; i < Math.max(titles.length, bodies.length); i++) {
    const title = (titles[i] ?? '').trim();
    const body = (bodies[i] ?? '').trim();
    if (!title && !body) continue;
    if (!title) throw new ValidationError({ title: 'rules.titleRequired' });
    if (title.length > MAX_RULE_TITLE) throw new ValidationError({ title: { key: 'validation.maxLength', values: { limit: MAX_RULE_TITLE } } });
    if (body.length > MAX_RULE_BODY) throw new ValidationError({ body: { key: 'validation.maxLength', values: { limit: MAX_RULE_BODY } } });
    rules.push({ title, body });
  }
  if (rules.length > MAX_RULES) throw new ValidationError({ title: { key: 'rules.tooMany', values: { limit: MAX_RULES } } });
  return rules;
}

export async function replaceNetworkRules(db: Kysely<DB>, actor: Viewer, networkId: number, input: RulesInput): Promise<void> {
  requireModeratorOf(actor, networkId);
  const rules = rulesFromInput(input).map((rule) => ({ ...rule, bodyHtml: renderMarkdown(rule.body) }));
  await db.transaction().execute(async (tx) => {
    await replaceRules(tx, networkId, rules);
    await writeLog(tx, { network_id: networkId, actor_id: actor.id, action: 'rules' });
    await recordEvent(tx, 'network.changed', { networkId });
  });
}
