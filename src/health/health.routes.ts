import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { db, kind } = app.database;
  app.get('/healthz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(db);
      return reply.send({ status: 'ok', database: kind });
    } catch (error) {
      app.log.warn({ err: error }, 'health check: database did not answer');
      return reply.code(503).send({ status: 'unavailable', database: kind });
    }
  });
}
