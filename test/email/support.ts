// Test support for email: a real SMTP listener (smtp-server) on a local port, a small MIME reader, and
// a test forum built with email options (timing, no background sender).
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { buildApp, type BuildOptions } from '../../src/app.js';
import { createTestDatabase, testConfig, type TestContext } from '../helpers/context.js';

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

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

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

export interface MailPart {
  headers: Record<string, string>;
  body: string;
}

export interface ParsedMail {
  headers: Record<string, string>;
  subject: string;
  parts: MailPart[];
  text: string | undefined;
  html: string | undefined;
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([\dA-F]{2})/gi, (_, hex: string) => `%${hex}`);
      // Percent-escape everything else that is not ASCII-safe for decodeURIComponent.
      return decodeURIComponent(bytes.replace(/%(?![\dA-F]{2})/gi, '%25'));
    }
    default:
      return body;
  }
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([\dA-F]{2})/gi, '%$1').replace(/%(?![\dA-F]{2})/gi, '%25')),
    );
}

/** Reads a message as nodemailer writes it: one part, or multipart (nested) with text and HTML parts. */
export function parseMail(raw: string): ParsedMail {
  const top = splitHeaders(raw);
  const parts: MailPart[] = [];
  const walk = (headers: Record<string, string>, body: string) => {
    const type = headers['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (type.toLowerCase().startsWith('multipart/') && boundary) {
      const sections = body.split(`--${boundary}`).slice(1);
      for (const section of sections) {
        if (section.startsWith('--')) break;
        const inner = splitHeaders(section.replace(/^\r?\n/, ''));
        walk(inner.headers, inner.body);
      }
      return;
    }
    parts.push({ headers, body: decodeBody(body, headers['content-transfer-encoding']) });
  };
  walk(top.headers, top.body);
  const find = (kind: string) => parts.find((p) => (p.headers['content-type'] ?? '').toLowerCase().startsWith(kind))?.body;
  return { headers: top.headers, subject: decodeWords(top.headers.subject ?? ''), parts, text: find('text/plain'), html: find('text/html') };
}

/** A test forum like createTestContext's, with email options (no background sender) and a query counter. */
export async function createEmailContext(
  env: Record<string, string>,
  email: BuildOptions['email'] = {},
  onQuery?: (sql: string) => void,
): Promise<TestContext> {
  const { database, databaseUrl, drop } = await createTestDatabase(onQuery);
  const config = testConfig(env);
  const app = await buildApp(config, { database, logger: false, email: { senderPollMs: 0, ...email } });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    databaseUrl,
    config,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}
