import type { FastifyInstance } from 'fastify';
import { databaseAnswers } from './health.queries.js';

/** A load balancer gives up on a health check after a few seconds: answer well within that. */
const HEALTH_TIMEOUT_MS = 1_500;

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { db, kind } = app.database;
  app.get('/healthz', async (_request, reply) => {
    const answered = await databaseAnswers(db, HEALTH_TIMEOUT_MS);
    if (answered === true) return reply.send({ status: 'ok', database: kind });
    app.log.warn({ cause: answered === false ? 'no answer in time' : String(answered) }, 'health check: the database did not answer');
    return reply.code(503).header('retry-after', '5').send({ status: 'unavailable', database: kind });
  });
}
