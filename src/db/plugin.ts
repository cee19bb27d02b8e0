import fp from 'fastify-plugin';
import type { Database } from './connect.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
  }
}

/** Shares an open, migrated database with every feature; closes it when the app closes. */
export const databasePlugin = fp<{ database: Database; closeWithApp: boolean }>(
  async (app, { database, closeWithApp }) => {
    app.decorate('database', database);
    if (closeWithApp) app.addHook('onClose', async () => database.close());
  },
  { name: 'database' },
);
