// A person's page, where a mention of them links.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { findAccountByUsername } from '../accounts/public.js';
import { NotFoundError } from '../core/errors.js';
import { personJson, personParams } from './people.schemas.js';

export async function peopleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;

  app.get('/u/:username', { schema: { params: personParams, response: { 200: personJson } } }, async (request, reply) => {
    const account = await findAccountByUsername(db, request.params.username);
    if (!account) throw new NotFoundError();
    const json = { username: account.username, displayName: account.display_name, memberSince: account.created_at.toISOString() };
    return reply.page('people/person', { person: json }, { json, title: account.display_name });
  });
}
