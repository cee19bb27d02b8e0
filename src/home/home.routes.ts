import type { FastifyInstance } from 'fastify';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (request, reply) =>
    reply.page('home/index', {}, { json: { forum: app.config.forumName } }),
  );
}
