import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { databaseAnswers } from './health.queries.js';

/** A load balancer gives up on a health check after a few seconds: answer well within that. */
const HEALTH_TIMEOUT_MS = 1_500;

/** ok or unavailable, and which kind of database answered (or did not). */
const health = Type.Object({ status: Type.String(), database: Type.String() });

export async function healthRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, kind } = app.database;
  app.get('/healthz', { schema: { response: { 200: health, 503: health } } }, async (_request, reply) => {
    const answered = await databaseAnswers(db, HEALTH_TIMEOUT_MS);
    if (answered === true) return reply.send({ status: 'ok', database: kind });
    app.log.warn({ cause: answered === false ? 'no answer in time' : String(answered) }, 'health check: the database did not answer');
    return reply.code(503).header('retry-after', '5').send({ status: 'unavailable', database: kind });
  });
}
