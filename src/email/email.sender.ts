// Sends the outbox: claims a due email (one statement, FOR UPDATE SKIP LOCKED, a lease), renders it
// for its recipient as things stand now (the visibility rule decides again: a post hidden since the
// notification is not mailed, and a thread moved since is judged in the network it is in now), sends
// it over SMTP, and marks it sent — or schedules a retry with exponential backoff. Two instances never
// claim one email; an instance that dies mid-send leaves a lease that runs out, and another takes the
// email over. (If it died after the mail server accepted the email but before marking it sent, the
// email goes again: SMTP has no way to ask. Its Message-ID is the same both times, so mail clients
// show it once. A clean shutdown finishes the send first.)
import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Locale } from '../config.js';
import { translator } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import type { RenderContext } from '../core/views.js';
import { threadPath } from '../posts/present.js';
import { unreadGroupsOfEmail, type NotificationGroup } from '../notifications/public.js';
import * as queries from './email.queries.js';
import { backoffMs } from './schedule.js';
import type { TokenSigner } from './unsubscribe.js';

export interface EmailSenderOptions {
  transport: Pick<Transporter, 'sendMail'>;
  publicUrl: URL;
  forumName: string;
  defaultLocale: Locale;
  views: { render(name: string, data: object, context: RenderContext): string };
  signer: () => Promise<TokenSigner>;
  /** How long a claim holds an email before another sender may take it over. */
  leaseMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** After this many failed attempts the email is given up (status failed). */
  maxAttempts: number;
  log: { info(object: object, message: string): void; warn(object: object, message: string): void; error(object: object, message: string): void };
}

interface ComposedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl: string;
}

export function emailSender(db: Kysely<DB>, options: EmailSenderOptions) {
  const { publicUrl, log } = options;
  const absolute = (path: string) => new URL(path, publicUrl).href;
  const from = { name: options.forumName, address: `noreply@${publicUrl.hostname}` };

  function linksOf(group: NotificationGroup) {
    return {
      ...group,
      threadUrl: absolute(threadPath(group.thread)),
      postUrl: group.post && group.kind !== 'thread' ? absolute(`/p/${group.post.id}`) : null,
    };
  }

  /** The email for a claimed batch, or null when nothing in it is left to tell (or email is off for them). */
  async function compose(claim: queries.ClaimedEmail): Promise<ComposedEmail | null> {
    const context = await queries.findEmailContext(db, claim.account_id, claim.network_id);
    if (!context || (context.frequency ?? queries.DEFAULT_EMAIL_FREQUENCY) === 'none') return null;
    const reader: Viewer = {
      id: context.id,
      username: context.username,
      displayName: context.display_name,
      role: context.role,
      locale: context.locale,
      createdAt: context.created_at,
      convenes: context.convenes,
      // Only proven addresses are mailed (findEmailContext).
      emailConfirmed: true,
    };
    const locale = context.locale ?? options.defaultLocale;
    const t = translator(locale);
    // Only what is still unread: what they have seen on the forum meanwhile needs no email.
    const groups = (await unreadGroupsOfEmail(db, claim.id, reader, t)).map(linksOf);
    if (groups.length === 0) return null;
    const digest = claim.kind === 'digest';
    const network = context.network_name;
    const count = groups.reduce((sum, group) => sum + group.count, 0);
    // One line, whatever a title holds.
    const subject = (
      digest
        ? t('emails.subject.digest', { network, count })
        : groups.length === 1
          ? t('emails.subject.one', { network, text: groups[0]!.text })
          : t('emails.subject.many', { network, count })
    )
      .replace(/\s+/g, ' ')
      .trim();
    const unsubscribeUrl = absolute(`/unsubscribe/${(await options.signer()).sign(context.id)}`);
    const data = {
      forumName: options.forumName,
      // Where people's pages are (views/partials/person-link.hbs links to them from the email).
      forumUrl: publicUrl.origin,
      network: { name: network, url: absolute(`/n/${context.network_slug}`) },
      displayName: context.display_name,
      digest,
      groups,
      unsubscribeUrl,
      settingsUrl: absolute('/me'),
      subject,
    };
    const render = { locale, t };
    return {
      to: context.email,
      subject,
      text: options.views.render('emails/notifications.text', data, render),
      html: options.views.render('emails/notifications.html', data, render),
      unsubscribeUrl,
    };
  }

  /** Claims, sends and settles one due email; false when none is due. */
  async function sendNext(now: Date): Promise<boolean> {
    const claim = await queries.claimDueEmail(db, now, options.leaseMs);
    if (!claim) return false;
    let email: ComposedEmail | null;
    try {
      email = await compose(claim);
    } catch (error) {
      log.error({ err: error, emailId: claim.id }, 'email: composing failed');
      await settleFailure(claim, now, error);
      return true;
    }
    if (!email) {
      await queries.finishEmail(db, claim, { status: 'cancelled', at: new Date() });
      return true;
    }
    try {
      await options.transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<outbox-${claim.id}@${publicUrl.hostname}>`,
        headers: {
          'List-Unsubscribe': `<${email.unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Auto-Submitted': 'auto-generated',
        },
      });
    } catch (error) {
      await settleFailure(claim, now, error);
      return true;
    }
    await queries.finishEmail(db, claim, { status: 'sent', at: new Date() });
    return true;
  }

  async function settleFailure(claim: queries.ClaimedEmail, now: Date, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    if (claim.attempts >= options.maxAttempts) {
      log.error({ emailId: claim.id, attempts: claim.attempts, error: message }, 'email: giving up');
      await queries.finishEmail(db, claim, { status: 'failed', at: new Date(), error: message });
      return;
    }
    const retryAt = new Date(now.getTime() + backoffMs(claim.attempts, options.retryBaseMs, options.retryMaxMs));
    log.warn({ emailId: claim.id, attempts: claim.attempts, retryAt, error: message }, 'email: sending failed; will retry');
    await queries.finishEmail(db, claim, { status: 'retry', at: new Date(), retryAt, error: message });
  }

  let chain: Promise<unknown> = Promise.resolve();

  return {
    /** Sends every email due at `now` (one after another on this instance); resolves with how many were settled. */
    run: (now?: Date): Promise<number> => {
      const next = chain.then(async () => {
        let settled = 0;
        // A failure moves the email's send_after past `now`, so this loop ends.
        while (await sendNext(now ?? new Date())) settled += 1;
        return settled;
      });
      chain = next.catch((error: unknown) => log.error({ err: error }, 'email: the sender failed'));
      return next;
    },

    /** Resolves once the run under way (if any) has finished: a clean shutdown waits for it. */
    idle: () => chain.then(() => undefined),
  };
}

export type EmailSender = ReturnType<typeof emailSender>;
