// buildApp(config): the whole forum as a Fastify instance that has not started listening.
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { pino } from 'pino';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config, TrustProxy } from './config.js';
import { errorHandlerPlugin } from './core/error-handler.js';
import { TooManyRequestsError } from './core/errors.js';
import { EventBus } from './core/events.js';
import { oneSerializerPerSchema } from './core/serializers.js';
import { housekeepingPlugin } from './core/housekeeping.js';
import { httpPlugin } from './core/http.js';
import { pageCachePlugin } from './core/page-cache.js';
import { memberPagesPlugin } from './core/member-pages.js';
import { cacheInvalidationPlugin } from './core/cache-invalidation.js';
import { sharedReadsPlugin } from './core/shared-reads.js';
import { securityPlugin } from './core/security.js';
import { writeWatermarkPlugin } from './core/write-watermark.js';
import { PROJECT_ROOT } from './core/project-root.js';
import { loadViews } from './core/views.js';
import { openDatabase, type Database } from './db/connect.js';
import { databasePlugin } from './db/plugin.js';
import { accountsRoutes } from './accounts/accounts.routes.js';
import { deletionRoutes } from './accounts/deletion.routes.js';
import { recoveryRoutes } from './accounts/recovery.routes.js';
import { confirmationRoutes } from './accounts/confirmation.routes.js';
import { exportRoutes } from './accounts/export.routes.js';
import { languageRoutes } from './accounts/language.routes.js';
import { sessionsPlugin } from './accounts/sessions.plugin.js';
import { healthRoutes } from './health/health.routes.js';
import { networksRoutes } from './networks/networks.routes.js';
import { networkHealthRoutes } from './networks/network-health.routes.js';
import { membershipRoutes } from './networks/membership.routes.js';
import { threadsRoutes } from './threads/threads.routes.js';
import { meetingsRoutes } from './meetings/meetings.routes.js';
import { answersRoutes } from './threads/answers.routes.js';
import { thanksRoutes } from './threads/thanks.routes.js';
import { offersRoutes } from './offers/offers.routes.js';
import { liveRoutes } from './live/live.routes.js';
import { moderationRoutes } from './moderation/moderation.routes.js';
import { followingRoutes } from './following/following.routes.js';
import { notificationsPlugin, type NotificationsOptions } from './notifications/notifications.plugin.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { emailPlugin, type EmailOptions } from './email/email.plugin.js';
import { emailRoutes } from './email/email.routes.js';
import { feedsRoutes } from './feeds/feeds.routes.js';
import { peopleRoutes } from './people/people.routes.js';
import { businessesRoutes } from './businesses/businesses.routes.js';
import { searchRoutes } from './search/search.routes.js';
import { proposalsRoutes } from './proposals/proposals.routes.js';
import { threadActionsRoutes } from './moderation/thread-actions.routes.js';
import { rulesRoutes } from './moderation/rules.routes.js';
import { suspensionsRoutes } from './moderation/suspensions.routes.js';
import { logRoutes } from './moderation/log.routes.js';
import { flagsRoutes } from './moderation/flags.routes.js';
import { convenerInvitationsRoutes } from './moderation/convener-invitations.routes.js';
import { guideRoutes } from './moderation/guide.routes.js';
import { homePage } from './pages/home.page.js';
import { boardPage } from './pages/board.page.js';
import { threadPage } from './pages/thread.page.js';
import { mePage } from './pages/me.page.js';
import { layoutData } from './pages/layout.js';
import { installPage } from './pages/install.page.js';

export interface BuildOptions {
  /** An open database to use instead of opening one from config (tests); the caller closes it. */
  database?: Database;
  logger?: boolean;
  /** The notifications worker's timing (tests). */
  notifications?: NotificationsOptions;
  /** The email sender's timing and transport (tests). */
  email?: EmailOptions;
}

/**
 * Fastify logs a request twice, arriving and answered; the two lines were a third of a cached page's
 * CPU. One line when it is answered carries the fields of both. Its request and response are Fastify's
 * serializers' (method, address, host, client address and port; status): no header, so no cookie,
 * Set-Cookie or authorization, and no body (test/core/server.test.ts). A redaction of those headers
 * matched nothing they write, yet cost a cached page about 3 % of its CPU.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/**
 * Standard output written in batches: lines gather until 4 kB or a quarter of a second has passed, so
 * under load one write carries a dozen requests instead of a write each (that write was a fifth of a
 * cached page's CPU), and a quiet server's lines still appear at once to the eye. Written synchronously,
 * as pino does by default: handing each batch to a worker thread cost more than the write. What is
 * gathered is written when the process exits, however it exits but killed (pino registers that only
 * for asynchronous streams).
 */
const LOG_BATCH_BYTES = 4096;
const LOG_FLUSH_MS = 250;
function standardOutput() {
  const stream = pino.destination({ dest: 1, sync: true, minLength: LOG_BATCH_BYTES, periodicFlush: LOG_FLUSH_MS });
  // flush, not flushSync: written in place it writes at once, and a reader gone (EPIPE) is reported to
  // pino, which stops logging; flushSync would retry that write forever and the process never end.
  process.once('exit', () => stream.flush());
  return stream;
}

/**
 * Fastify turns a bare hop count into "trust nothing", since it cannot check who connects; TRUST_PROXY=n
 * asks to trust the n nearest hops (the README says why the forum must then be reachable only through them).
 */
function trustedProxies(trust: TrustProxy) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel, stream: standardOutput() },
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: true } },
    schemaController: { compilersFactory: { buildSerializer: oneSerializerPerSchema() } },
    routerOptions: { ignoreTrailingSlash: true },
    logController: new OneLinePerRequest(),
  });

  const database =
    options.database ??
    (await openDatabase(
      {
        ...config,
        onConnectionError: (error) => app.log.warn({ cause: String(error) }, 'a database connection was lost; it is replaced on next use'),
      },
      app.log,
    ));
  app.decorate('config', config);
  app.decorate('views', loadViews(join(PROJECT_ROOT, 'views'), config.timeZone));
  // A member's header, kept under everything it is given (its context is only those fields).
  app.views.cacheFragments('site-header', (header: object) => JSON.stringify(header));

  // Shared infrastructure first, then the features: this list is the table of contents.
  await app.register(databasePlugin, { database, closeWithApp: !options.database });
  const events = new EventBus((error, where) => app.log.error({ err: error, where }, 'event handling failed'));
  await events.start(database);
  app.decorate('events', events);
  app.addHook('onClose', () => events.stop());
  await app.register(housekeepingPlugin);
  await app.register(cookie);
  await app.register(formbody);
  await app.register(httpPlugin);
  await app.register(errorHandlerPlugin);
  await app.register(securityPlugin);
  // Only writes are limited, and only with RATE_LIMITS on: other routes get no flood-guard hook at all (the
  // plugin's hook is async, a promise and a microtask on every page). Set before the plugin registers,
  // whose own onRoute reads it.
  app.addHook('onRoute', (route) => {
    const reads = [route.method].flat().every((method) => method === 'GET' || method === 'HEAD');
    if (reads || !config.rateLimits) route.config = { ...route.config, rateLimit: false };
  });
  await app.register(rateLimit, {
    global: true,
    // A flood guard per address on writes, in this instance's memory; the product's own limits (sign-ins,
    // registrations, posting) are counted in the database by their features.
    max: 120,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => new TooManyRequestsError(Math.ceil(context.ttl / 1000)),
  });
  await app.register(writeWatermarkPlugin);
  await app.register(cacheInvalidationPlugin);
  await app.register(sharedReadsPlugin);
  await app.register(sessionsPlugin);
  await app.register(emailPlugin, options.email ?? {});
  await app.register(notificationsPlugin, options.notifications ?? {});
  await app.register(pageCachePlugin);
  await app.register(memberPagesPlugin);
  await app.register(fastifyStatic, { root: join(PROJECT_ROOT, 'static'), prefix: '/static/', maxAge: '1h' });

  await app.register(healthRoutes);
  await app.register(networksRoutes);
  await app.register(networkHealthRoutes);
  await app.register(membershipRoutes);
  await app.register(threadsRoutes);
  await app.register(meetingsRoutes);
  await app.register(answersRoutes);
  await app.register(thanksRoutes);
  await app.register(offersRoutes);
  await app.register(moderationRoutes);
  await app.register(threadActionsRoutes);
  await app.register(rulesRoutes);
  await app.register(suspensionsRoutes);
  await app.register(logRoutes);
  await app.register(flagsRoutes);
  await app.register(convenerInvitationsRoutes);
  await app.register(guideRoutes);
  await app.register(liveRoutes);
  await app.register(accountsRoutes);
  await app.register(deletionRoutes);
  await app.register(recoveryRoutes);
  await app.register(confirmationRoutes);
  await app.register(exportRoutes);
  await app.register(languageRoutes);
  await app.register(followingRoutes);
  await app.register(notificationsRoutes);
  await app.register(emailRoutes);
  await app.register(feedsRoutes);
  await app.register(peopleRoutes);
  await app.register(businessesRoutes);
  await app.register(searchRoutes);
  await app.register(proposalsRoutes);

  // The pages that gather what they show from several features.
  await app.register(homePage);
  await app.register(boardPage);
  await app.register(threadPage);
  await app.register(mePage);
  // What every page's header shows beyond the account (the moderator menu).
  await app.register(layoutData);
  // The web app manifest and /favicon.ico: the forum on a phone's home screen.
  await app.register(installPage);
  return app;
}
