// Deleting one's own account: GET /me/delete says what happens and asks for the password, POST /me/delete
// does it (deletion.service.ts). Also the daily job that frees the usernames of accounts deleted
// USERNAME_HELD_DAYS ago.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { blankForm } from '../core/schemas.js';
import { requireViewer, signedInOnly } from './guards.js';
import { accountsService } from './accounts.service.js';
import { deleteAccount } from './deletion.service.js';
import { releaseHeldUsernames } from './deletion.queries.js';

const VIEW = 'accounts/delete';

const deleteAccountBody = Type.Object(
  {
    password: Type.String({ minLength: 1, maxLength: 256 }),
    // A ticked checkbox sends "true", which the validator reads as true; an unticked one sends nothing.
    deletePosts: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const AccountDeleted = Type.Object({ deleted: Type.Boolean(), postsDeleted: Type.Integer() });

export async function deletionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.database;
  const { rateLimits, adminEmails } = app.config;
  const accounts = accountsService({ db, adminEmails, attemptLimits: rateLimits });
  app.housekeeping.every({ name: 'held usernames', everyMs: 24 * 60 * 60 * 1000, run: (now) => releaseHeldUsernames(db, now) });

  app.get('/me/delete', { onRequest: signedInOnly, schema: { response: { 200: Type.Object(blankForm) } } }, async (request, reply) =>
    reply.page(VIEW, { values: {}, errors: {} }, { title: request.t('account.delete.title') }),
  );

  app.post(
    '/me/delete',
    { onRequest: signedInOnly, schema: { body: deleteAccountBody, response: { 200: AccountDeleted } }, config: { form: { view: VIEW } } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      await accounts.requireOwnPassword(viewer.id, request.body.password, 'password');
      const { postsDeleted } = await deleteAccount(db, viewer.id, { deletePosts: request.body.deletePosts === true });
      await reply.signOut();
      reply.flash('account.notice.deleted');
      return reply.done('/', { deleted: true, postsDeleted }, 200);
    },
  );
}
