// Account emails: the password-reset link, the confirmation of an address, the note to an old address
// that it was replaced, the note to an address someone tried to register again. They are not
// notification batches and do not go through the outbox: their link's secret is stored only hashed,
// so the email could not be rendered again later from the database. Instead each is rendered at once,
// after the commit that made its link, and handed to a small in-process queue that sends it in the
// background with a couple of retries, so the HTTP answer never waits on the mail server (which also
// keeps "an account exists" and "no such account" equally fast). The queue is bounded: past its size an
// email is dropped and logged, as is one that fails every retry; the member asks for a new link.
import type { Transporter } from 'nodemailer';
import type { Locale } from '../config.js';
import { translator } from '../core/i18n/index.js';
import type { RenderContext } from '../core/views.js';

/** The account emails there are; each has its strings under recovery.email.<template>.* */
export type AccountEmailTemplate = 'passwordReset' | 'confirmAddress' | 'confirmNewAddress' | 'addressChanged' | 'registrationAttempt';

export interface AccountEmail {
  to: string;
  locale: Locale | null;
  template: AccountEmailTemplate;
  /** The link the email carries (absolute or a path on the forum), when it has one. */
  link?: string;
  /** Values for the template's strings ({name}, {email}, …). */
  values?: Record<string, string>;
}

export interface AccountEmailOptions {
  transport: Pick<Transporter, 'sendMail'>;
  publicUrl: URL;
  forumName: string;
  defaultLocale: Locale;
  views: { render(name: string, data: object, context: RenderContext): string };
  log: { warn(object: object, message: string): void; error(object: object, message: string): void };
  /** Emails waiting at most; more are dropped (and logged). */
  maxQueued?: number;
  /** Tries per email, and the wait before the second (doubling after). */
  attempts?: number;
  retryMs?: number;
}

const TEMPLATES_WITH_LINK_EXPIRY: Partial<Record<AccountEmailTemplate, string>> = {
  passwordReset: 'recovery.email.validHour',
  registrationAttempt: 'recovery.email.validHour',
  confirmAddress: 'recovery.email.validTwoDays',
  confirmNewAddress: 'recovery.email.validTwoDays',
};

export function accountEmailQueue(options: AccountEmailOptions) {
  const { publicUrl, log, maxQueued = 200, attempts = 3, retryMs = 2000 } = options;
  const from = { name: options.forumName, address: `noreply@${publicUrl.hostname}` };
  const queue: Array<{ template: AccountEmailTemplate; mail: ReturnType<typeof compose> }> = [];
  let running: Promise<void> | undefined;
  let closed = false;

  function compose(email: AccountEmail) {
    const locale = email.locale ?? options.defaultLocale;
    const t = translator(locale);
    const values = { forum: options.forumName, ...email.values };
    const prefix = `recovery.email.${email.template}`;
    const subject = t(`${prefix}.subject`, values);
    const expiry = TEMPLATES_WITH_LINK_EXPIRY[email.template];
    const data = {
      forumName: options.forumName,
      subject,
      intro: t(`${prefix}.intro`, values),
      action: email.link ? t(`${prefix}.action`, values) : undefined,
      link: email.link ? new URL(email.link, publicUrl).href : undefined,
      expiry: expiry ? t(expiry) : undefined,
      outro: t(`${prefix}.outro`, values),
    };
    const render = { locale, t };
    return {
      from,
      to: email.to,
      subject,
      text: options.views.render('emails/account.text', data, render),
      html: options.views.render('emails/account.html', data, render),
      headers: { 'Auto-Submitted': 'auto-generated' },
    };
  }

  async function sendWithRetries({ template, mail }: (typeof queue)[number]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await options.transport.sendMail(mail);
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (attempt >= attempts || closed) {
          log.error({ template, attempts: attempt, error: message }, 'account email: giving up');
          return;
        }
        log.warn({ template, attempt, error: message }, 'account email: sending failed; will retry');
        await new Promise((resolve) => setTimeout(resolve, retryMs * 2 ** (attempt - 1)).unref());
      }
    }
  }

  async function drain(): Promise<void> {
    for (let next = queue.shift(); next; next = queue.shift()) await sendWithRetries(next);
    running = undefined;
  }

  return {
    /** Queues the email and returns at once; it is sent in the background. Call after the commit that made its link. */
    send(email: AccountEmail): void {
      if (queue.length >= maxQueued) {
        log.error({ template: email.template }, 'account email: the queue is full; dropped');
        return;
      }
      queue.push({ template: email.template, mail: compose(email) });
      running ??= drain();
    },
    /** Resolves once every queued email is sent or given up (a clean shutdown, tests). */
    async idle(): Promise<void> {
      while (running) await running;
    },
    /** No more retries after this: a shutdown waits for the sends under way, not for backoffs. */
    close(): void {
      closed = true;
    },
  };
}
