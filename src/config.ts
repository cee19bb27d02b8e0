// The only module that reads process.env. Everything else receives a Config.
import { isIP } from 'node:net';
import { emailKey } from './accounts/emails.js';

export const LOCALES = ['sv', 'en', 'da'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Config {
  port: number;
  host: string;
  /** Origin and base of every absolute link; also the only origin allowed to post. */
  publicUrl: URL;
  /** undefined → the embedded PGlite database under dataDir. */
  databaseUrl: string | undefined;
  /** Directory of the embedded database; `memory://` keeps it in memory only. */
  dataDir: string;
  forumName: string;
  defaultLocale: Locale;
  trustProxy: TrustProxy;
  /** false turns every rate limit off: attempts, posting and the flood guard. */
  rateLimits: boolean;
  /** As emailKey compares them; undefined → the first account on an empty forum becomes admin. */
  adminEmails: ReadonlySet<string> | undefined;
  /** Replies deeper than this are shown at this depth with "in reply to". */
  threadDisplayDepth: number;
  logLevel: string;
  /** smtp:// or smtps:// URL of the mail server; undefined → no email is sent. */
  smtpUrl: URL | undefined;
  /** Signs unsubscribe links; undefined → a random key generated once and kept in the database. */
  secretKey: string | undefined;
  /** The destination's time zone (IANA): times are shown on its clocks, a date alone means its midnight, digests go out in its morning. */
  timeZone: string;
  /** PostgreSQL: how long a request waits for a database connection. */
  connectTimeoutMs: number;
  /** PostgreSQL: the longest a request's statement may run. */
  statementTimeoutMs: number;
  /** PostgreSQL: the longest a transaction may sit idle holding its locks. */
  idleInTransactionTimeoutMs: number;
}

/**
 * Which proxies' X-Forwarded-For entries name the client, as Fastify's trustProxy takes it: false (none:
 * the client is the connection's address), a number of proxy hops in front of the forum, or the proxies'
 * addresses and CIDR ranges.
 */
export type TrustProxy = false | number | string[];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off (true/false), got "${env[name]}"`);
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

function readTrustProxy(env: Env): TrustProxy {
  const raw = env.TRUST_PROXY?.trim().toLowerCase();
  if (!raw || ['0', 'false', 'off', 'no'].includes(raw)) return false;
  // Trusting every hop takes the first address of X-Forwarded-For, which the client writes itself.
  if (['true', 'on', 'yes'].includes(raw)) {
    throw new ConfigError(`TRUST_PROXY=${env.TRUST_PROXY} would trust every hop, so any client could pick its own address; give the number of proxies in front of the forum (TRUST_PROXY=1 behind one load balancer) or their addresses`);
  }
  if (/^\d+$/.test(raw)) return readInteger(env, 'TRUST_PROXY', 0, 1, 100);
  const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.find((entry) => !isAddressOrRange(entry));
  if (bad !== undefined) {
    throw new ConfigError(`TRUST_PROXY must be off, a number of proxy hops or comma-separated proxy addresses (IP or CIDR), "${bad}" is none of these`);
  }
  return entries;
}

function readUrl(name: string, raw: string, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${raw}"`);
  }
  return url;
}

function readLocale(env: Env): Locale {
  const raw = env.DEFAULT_LOCALE?.trim() || 'sv';
  if (!(LOCALES as readonly string[]).includes(raw)) {
    throw new ConfigError(`DEFAULT_LOCALE must be one of ${LOCALES.join(', ')}, got "${raw}"`);
  }
  return raw as Locale;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readLogLevel(env: Env): string {
  const raw = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!LOG_LEVELS.includes(raw)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  return raw;
}

function readAdminEmails(env: Env): ReadonlySet<string> | undefined {
  const raw = env.ADMIN_EMAILS?.trim();
  if (!raw) return undefined;
  const emails = raw.split(',').map(emailKey).filter(Boolean);
  const bad = emails.find((e) => !/^[^@\s]+@[^@\s]+$/.test(e));
  if (bad) throw new ConfigError(`ADMIN_EMAILS must be comma-separated email addresses, "${bad}" is not one`);
  return new Set(emails);
}

function readSecretKey(env: Env): string | undefined {
  const raw = env.SECRET_KEY?.trim();
  if (!raw) return undefined;
  if (raw.length < 32) throw new ConfigError(`SECRET_KEY must be at least 32 characters long, got ${raw.length}`);
  return raw;
}

function readTimeZone(env: Env): string {
  const raw = env.TIME_ZONE?.trim() || 'Europe/Stockholm';
  try {
    // Canonical form ("europe/stockholm" → "Europe/Stockholm"); throws on a zone Node does not know.
    return new Intl.DateTimeFormat('en', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    throw new ConfigError(`TIME_ZONE must be an IANA time zone such as Europe/Stockholm or Europe/Copenhagen, got "${raw}"`);
  }
}

export function loadConfig(env: Env = process.env): Config {
  const port = readInteger(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl) readUrl('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']);
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    publicUrl: readUrl('PUBLIC_URL', env.PUBLIC_URL?.trim() || `http://localhost:${port}`, ['http:', 'https:']),
    databaseUrl,
    dataDir: env.DATA_DIR?.trim() || './data',
    forumName: env.FORUM_NAME?.trim() || 'Bryggan',
    defaultLocale: readLocale(env),
    trustProxy: readTrustProxy(env),
    rateLimits: readBoolean(env, 'RATE_LIMITS', true),
    adminEmails: readAdminEmails(env),
    threadDisplayDepth: readInteger(env, 'THREAD_DISPLAY_DEPTH', 5, 1, 20),
    logLevel: readLogLevel(env),
    smtpUrl: env.SMTP_URL?.trim() ? readUrl('SMTP_URL', env.SMTP_URL.trim(), ['smtp:', 'smtps:']) : undefined,
    secretKey: readSecretKey(env),
    timeZone: readTimeZone(env),
    connectTimeoutMs: readInteger(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
    statementTimeoutMs: readInteger(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 100, 3_600_000),
    idleInTransactionTimeoutMs: readInteger(env, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 30_000, 100, 3_600_000),
  };
}
