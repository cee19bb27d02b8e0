// Test support for email: a real SMTP listener (smtp-server) on a local port, a MIME reader (mailparser), and
// a test forum built with email options (timing, no background sender).
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { BuildOptions } from '../../src/app.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpListener {
  port: number;
  url: string;
  mails: ReceivedMail[];
  /** Resolves once `count` mails have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export { freePort } from '../../bench/ports.js';

/** An SMTP server on 127.0.0.1 that accepts everything (no TLS, no auth) and keeps what it receives. */
export async function startSmtp(port = 0, mails: ReceivedMail[] = []): Promise<SmtpListener> {
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    mails,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (mails.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(mails);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} mails, got ${mails.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ParsedMail {
  /** Header lines by lower-cased name, unfolded, values as written. */
  headers: Record<string, string>;
  subject: string;
  text: string | undefined;
  html: string | undefined;
}

/** Reads a message with mailparser; headers are kept as written, so a test sees what a mail client does. */
export async function parseMail(raw: string): Promise<ParsedMail> {
  const mail = await simpleParser(raw);
  const headers = Object.fromEntries(
    mail.headerLines.map(({ key, line }) => [
      key,
      line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    ]),
  );
  return { headers, subject: mail.subject ?? '', text: mail.text, html: mail.html || undefined };
}

/** A test forum like createTestContext's, with email options (no background sender) and a query counter. */
export function createEmailContext(env: Record<string, string>, email: BuildOptions['email'] = {}, onQuery?: (sql: string) => void): Promise<TestContext> {
  return createTestContext(env, onQuery, { email: { senderPollMs: 0, ...email } });
}

/**
 * Waits for the confirmation links sign-ups sent (test/helpers/agents.ts signUp) and forgets those
 * mails, keeping every other, so a test counts only the mails it is about.
 */
export async function forgetSignUpEmails(ctx: TestContext, smtp: SmtpListener): Promise<void> {
  await ctx.app.email.accountEmailsSent();
  const others = smtp.mails.filter((mail) => !/\/email\/confirm\/[a-z2-7]+/.test(mail.raw));
  smtp.mails.splice(0, smtp.mails.length, ...others);
}
