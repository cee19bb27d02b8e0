// Email on this instance: the SMTP transport, the sender that works through the outbox, and the email
// service other features use (app.email). Shared (fastify-plugin) so every feature sees app.email.
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { DB } from '../db/schema.js';
import { pruneSettledEmails } from './email.queries.js';
import { emailSender, type EmailSender } from './email.sender.js';
import { accountEmailQueue, type AccountEmail } from './account-emails.js';
import { fileInBatches } from './email.service.js';
import { loadTokenSigner, type TokenSigner } from './unsubscribe.js';

export interface EmailOptions {
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
const SETTLED_EMAILS_KEPT_MS = 30 * DAY_MS;

const DEFAULTS = {
  senderPollMs: 15_000,
  instantDelayMs: 10 * 60_000,
  retryBaseMs: 30_000,
  retryMaxMs: 6 * 60 * 60_000,
  maxAttempts: 10,
  leaseMs: 5 * 60_000,
};

export interface Email {
  /** Whether SMTP_URL (or a transport) is set. */
  readonly enabled: boolean;
  /** Sends every email due at `now` (default: now); resolves with how many were settled. 0 when email is off. */
  runSender(now?: Date): Promise<number>;
  /** Signs and checks unsubscribe tokens. */
  signer(): Promise<TokenSigner>;
  /**
   * Files the accounts' new notifications about the network into the emails that will carry them, in the
   * transaction; resolves with each account's email id. None when email is off or the account wants none.
   */
  fileInBatches: (tx: Kysely<DB>, accountIds: readonly number[], networkId: number, now: Date) => Promise<Map<number, number>>;
  /** Queues an account email (a reset or confirmation link, …; see account-emails.ts); call after the commit. Nothing when email is off. */
  sendAccountEmail(email: AccountEmail): void;
  /** Resolves once the queued account emails are sent or given up (tests). */
  accountEmailsSent(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    email: Email;
  }
}

export const emailPlugin = fp<EmailOptions>(
  async (app, given) => {
    const options = { ...DEFAULTS, ...given };
    const { db } = app.database;
    const { config } = app;

    let signer: Promise<TokenSigner> | undefined;
    const getSigner = () =>
      (signer ??= loadTokenSigner(db, config.secretKey).catch((error: unknown) => {
        signer = undefined;
        throw error;
      }));

    let transport = options.transport;
    if (!transport && config.smtpUrl) {
      // Loaded only when email is on: alone, nodemailer's modules are 3 MB of heap a forum without SMTP never needs.
      const { default: nodemailer } = await import('nodemailer');
      transport = nodemailer.createTransport({ url: config.smtpUrl.href, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 } as never);
    }
    if (config.smtpUrl) app.log.info({ smtp: `${config.smtpUrl.protocol}//${config.smtpUrl.host}` }, 'email is on');
    else if (!options.transport) app.log.info('email is off: SMTP_URL is not set');

    let sender: EmailSender | undefined;
    let accountEmails: ReturnType<typeof accountEmailQueue> | undefined;
    if (transport) {
      accountEmails = accountEmailQueue({
        transport,
        publicUrl: config.publicUrl,
        forumName: config.forumName,
        defaultLocale: config.defaultLocale,
        views: app.views,
        log: app.log,
      });
      const queue = accountEmails;
      app.addHook('onClose', async () => {
        queue.close();
        await queue.idle();
      });
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
      const { run, idle } = sender;
      const timer = options.senderPollMs > 0 ? setInterval(() => void run().catch(() => undefined), options.senderPollMs) : undefined;
      timer?.unref();
      app.addHook('onClose', async () => {
        clearInterval(timer);
        // Let a send under way finish and be marked, so a restart does not send it again.
        await idle();
      });
    }
    // A settled email is kept a month: long enough to answer "did it go?".
    app.housekeeping.every({
      name: 'settled emails',
      everyMs: SIX_HOURS,
      run: (now) => pruneSettledEmails(db, new Date(now.getTime() - SETTLED_EMAILS_KEPT_MS)),
    });

    app.decorate('email', {
      enabled: !!sender,
      runSender: (now?: Date) => (sender ? sender.run(now) : Promise.resolve(0)),
      signer: getSigner,
      fileInBatches: (tx, accountIds, networkId, now) =>
        sender
          ? fileInBatches(tx, accountIds, networkId, now, { instantDelayMs: options.instantDelayMs, timeZone: app.config.timeZone })
          : Promise.resolve(new Map()),
      sendAccountEmail: (email) => accountEmails?.send(email),
      accountEmailsSent: () => accountEmails?.idle() ?? Promise.resolve(),
    } satisfies Email);
  },
  { name: 'email', dependencies: ['database', 'housekeeping'] },
);
