// A person's page, where a mention of them links.
import type { FastifyInstance } from 'fastify';
import { findAccountByUsername } from '../accounts/public.js';
import { NotFoundError } from '../core/errors.js';
import { personParams, type PersonParams } from './people.schemas.js';

export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.database;

  app.get<{ Params: PersonParams }>('/u/:username', { schema: { params: personParams } }, async (request, reply) => {
    const account = await findAccountByUsername(db, request.params.username);
    if (!account) throw new NotFoundError();
    const json = { username: account.username, displayName: account.display_name, memberSince: account.created_at.toISOString() };
    return reply.page('people/person', { person: json }, { json, title: account.display_name });
  });
}
