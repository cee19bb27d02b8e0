// The following feature's machinery: the notifications worker and the email sender on this instance,
// and the unread count in every page's header. Shared (fastify-plugin) so the header hook sees every page.
import fp from 'fastify-plugin';
import nodemailer, { type Transporter } from 'nodemailer';
import { consumeEvents } from '../core/consumer.js';
import { emailSender, type EmailSender } from './email.sender.js';
import { pruneNotifications, pruneSettledEmails, unreadCount } from './following.queries.js';
import { CONSUMER, HANDLED_EVENTS, notificationsWorker } from './notifications.worker.js';
import { loadTokenSigner, type TokenSigner } from './unsubscribe.js';

export interface FollowingOptions {
  /** How often the worker retries a run that failed or was left to another instance (0: never). */
  workerPollMs?: number;
  /** How often the sender looks for due email (0: only when asked, as tests do). */
  senderPollMs?: number;
  /** How long an instant email waits for more notifications to join it. */
  instantDelayMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxAttempts?: number;
  leaseMs?: number;
  /** Sends email instead of SMTP_URL's server (tests). */
  transport?: Pick<Transporter, 'sendMail'>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SIX_HOURS = 6 * 60 * 60 * 1000;
const NOTIFICATIONS_KEPT_MS = 90 * DAY_MS;
const SETTLED_EMAILS_KEPT_MS = 30 * DAY_MS;

const DEFAULTS = {
  workerPollMs: 5_000,
  senderPollMs: 15_000,
  instantDelayMs: 10 * 60_000,
  retryBaseMs: 30_000,
  retryMaxMs: 6 * 60 * 60_000,
  maxAttempts: 10,
  leaseMs: 5 * 60_000,
};

export interface Following {
  /** Handles every event committed before the call (waiting out another instance that is at it). */
  runWorker(): Promise<void>;
  /** Sends every email due at `now` (default: now); resolves with how many were settled. 0 when email is off. */
  runSender(now?: Date): Promise<number>;
  /** Signs and checks unsubscribe tokens. */
  signer(): Promise<TokenSigner>;
  /** Whether SMTP_URL (or a transport) is set. */
  readonly emailEnabled: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    following: Following;
  }
}

/** Page requests that show the header: GET, HTML, signed in; not assets, feeds or the websocket. */
function showsHeader(request: { method: string; url: string; viewer: unknown; wantsJson: boolean; headers: Record<string, unknown> }): boolean {
  return (
    request.method === 'GET' &&
    !!request.viewer &&
    !request.url.startsWith('/static/') &&
    !request.url.split('?')[0]!.endsWith('.atom') &&
    request.headers.upgrade === undefined &&
    !request.wantsJson
  );
}

export const followingPlugin = fp<FollowingOptions>(
  async (app, given) => {
    const options = { ...DEFAULTS, ...given };
    const { db } = app.database;
    const { config } = app;

    let signer: Promise<TokenSigner> | undefined;
    const getSigner = () => (signer ??= loadTokenSigner(db, config.secretKey).catch((error: unknown) => {
      signer = undefined;
      throw error;
    }));

    let transport = options.transport;
    if (!transport && config.smtpUrl) {
      transport = nodemailer.createTransport({ url: config.smtpUrl.href, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 } as never);
    }
    const emailEnabled = !!transport;
    if (config.smtpUrl) app.log.info({ smtp: `${config.smtpUrl.protocol}//${config.smtpUrl.host}` }, 'email is on');
    else if (!options.transport) app.log.info('email is off: SMTP_URL is not set');

    const worker = consumeEvents(app, {
      name: CONSUMER,
      events: HANDLED_EVENTS,
      ...notificationsWorker({ email: emailEnabled, instantDelayMs: options.instantDelayMs }),
      log: app.log,
      pollMs: options.workerPollMs,
    });
    let sender: EmailSender | undefined;
    if (transport) {
      sender = emailSender(db, {
        transport,
        publicUrl: config.publicUrl,
        forumName: config.forumName,
        defaultLocale: config.defaultLocale,
        views: app.views,
        signer: getSigner,
        leaseMs: options.leaseMs,
        retryBaseMs: options.retryBaseMs,
        retryMaxMs: options.retryMaxMs,
        maxAttempts: options.maxAttempts,
        log: app.log,
      });
    }

    let timer: NodeJS.Timeout | undefined;
    if (sender && options.senderPollMs > 0) {
      const runSender = sender.run;
      timer = setInterval(() => void runSender().catch(() => undefined), options.senderPollMs);
      timer.unref();
    }
    // What a member was told stays a season; a settled email a month (long enough to answer "did it go?").
    app.housekeeping.every({ name: 'old notifications', everyMs: SIX_HOURS, run: (now) => pruneNotifications(db, new Date(now.getTime() - NOTIFICATIONS_KEPT_MS)) });
    app.housekeeping.every({ name: 'settled emails', everyMs: SIX_HOURS, run: (now) => pruneSettledEmails(db, new Date(now.getTime() - SETTLED_EMAILS_KEPT_MS)) });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      // Let a send under way finish and be marked, so a restart does not send it again.
      await sender?.idle();
    });

    app.decorate('following', {
      runWorker: () => worker.runUntilCaughtUp(),
      runSender: (now?: Date) => (sender ? sender.run(now) : Promise.resolve(0)),
      signer: getSigner,
      emailEnabled,
    } satisfies Following);

    app.addHook('preHandler', async (request) => {
      if (showsHeader(request)) request.unreadNotifications = await unreadCount(db, request.viewer!.id);
    });
  },
  { name: 'following', dependencies: ['database', 'http', 'sessions', 'housekeeping'] },
);
