// The only module that reads process.env. Everything else receives a Config. The environment is checked
// against one schema (Environment, below): each variable's type, range or values and its default there,
// and what JSON Schema cannot say (a URL's protocol, proxy addresses, a time zone) as refinements of it.
import { isIP } from 'node:net';
import { Type, type StaticDecode, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
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

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ON = ['1', 'true', 'on', 'yes'];
const OFF = ['0', 'false', 'off', 'no'];

/** The number of proxy hops TRUST_PROXY may name. */
const PROXY_HOPS = Type.Integer({ minimum: 1, maximum: 100 });

/** The words after a whole-number variable's name when its value is refused (each integer here has both bounds). */
function wholeNumberProblem(schema: TSchema, text: string): string {
  const { minimum, maximum } = schema as { minimum: number; maximum: number };
  return `must be a whole number from ${minimum} to ${maximum}, got "${text}"`;
}

/** Text that is a URL with one of these protocols; refused with what is wrong with it. */
function urlWith(protocols: readonly string[]) {
  return Type.Refine(
    Type.Refine(
      Type.String(),
      (text) => URL.canParse(text),
      (text) => `must be an absolute URL, got "${text}"`,
    ),
    (text) => !URL.canParse(text) || protocols.includes(new URL(text).protocol),
    (text) => `must start with ${protocols.map((protocol) => `${protocol}//`).join(' or ')}, got "${text}"`,
  );
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

const proxyEntries = (text: string) =>
  text
    .toLowerCase()
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

/** Why a TRUST_PROXY value is refused (the words after its name); null for each of the forms it takes. */
function trustProxyProblem(text: string): string | null {
  const word = text.toLowerCase();
  if (OFF.includes(word)) return null;
  // Trusting every hop takes the first address of X-Forwarded-For, which the client writes itself.
  // (1 is a number of hops here.)
  if (ON.includes(word) && word !== '1') {
    return `must not be ${text}: TRUST_PROXY=${text} would trust every hop, so any client could pick its own address; give the number of proxies in front of the forum (TRUST_PROXY=1 behind one load balancer) or their addresses`;
  }
  if (/^\d+$/.test(word)) return Value.Check(PROXY_HOPS, Number(word)) ? null : wholeNumberProblem(PROXY_HOPS, text);
  const bad = proxyEntries(text).find((entry) => !isAddressOrRange(entry));
  return bad === undefined ? null : `must be off, a number of proxy hops or comma-separated proxy addresses (IP or CIDR), "${bad}" is none of these`;
}

function trustedProxies(text: string): TrustProxy {
  const word = text.toLowerCase();
  if (OFF.includes(word)) return false;
  return /^\d+$/.test(word) ? Number(word) : proxyEntries(text);
}

const adminAddresses = (text: string) => text.split(',').map(emailKey).filter(Boolean);
const notAnAddress = (text: string) => adminAddresses(text).find((address) => !/^[^@\s]+@[^@\s]+$/.test(address));

/** The zone's canonical name ("europe/stockholm" → "Europe/Stockholm"); undefined for a zone Node does not know. */
function canonicalTimeZone(text: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Every variable the forum reads (README, Configuration), as the value it takes once read from its text:
 * integers and on/off switches are read as such, and an enum marked `anyCase` in lower case.
 */
const Environment = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  /** Unset: http://localhost:$PORT. */
  PUBLIC_URL: Type.Optional(Type.Decode(urlWith(['http:', 'https:']), (text) => new URL(text))),
  DATABASE_URL: Type.Optional(urlWith(['postgres:', 'postgresql:'])),
  DATA_DIR: Type.String({ default: './data' }),
  FORUM_NAME: Type.String({ default: 'Bryggan' }),
  DEFAULT_LOCALE: Type.Enum(LOCALES, { type: 'string', default: 'sv' }),
  TRUST_PROXY: Type.Decode(
    Type.Refine(
      Type.String({ default: 'off' }),
      (text) => trustProxyProblem(text) === null,
      (text) => trustProxyProblem(text)!,
    ),
    trustedProxies,
  ),
  RATE_LIMITS: Type.Boolean({ default: true }),
  ADMIN_EMAILS: Type.Optional(
    Type.Decode(
      Type.Refine(
        Type.String(),
        (text) => notAnAddress(text) === undefined,
        (text) => `must be comma-separated email addresses, "${notAnAddress(text)!}" is not one`,
      ),
      (text): ReadonlySet<string> => new Set(adminAddresses(text)),
    ),
  ),
  THREAD_DISPLAY_DEPTH: Type.Integer({ minimum: 1, maximum: 20, default: 5 }),
  LOG_LEVEL: Type.Enum(LOG_LEVELS, { type: 'string', default: 'info', anyCase: true }),
  SMTP_URL: Type.Optional(Type.Decode(urlWith(['smtp:', 'smtps:']), (text) => new URL(text))),
  SECRET_KEY: Type.Optional(Type.String({ minLength: 32 })),
  TIME_ZONE: Type.Decode(
    Type.Refine(
      Type.String({ default: 'Europe/Stockholm' }),
      (text) => canonicalTimeZone(text) !== undefined,
      (text) => `must be an IANA time zone such as Europe/Stockholm or Europe/Copenhagen, got "${text}"`,
    ),
    (text) => canonicalTimeZone(text)!,
  ),
  DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 5_000 }),
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 10_000 }),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 30_000 }),
});

/** A variable's text as the value its schema takes: a number, a switch, a word in lower case; else the text. */
function fromText(schema: TSchema, text: string): unknown {
  if (Type.IsInteger(schema)) return Number(text);
  const word = text.toLowerCase();
  if (Type.IsBoolean(schema)) return ON.includes(word) ? true : OFF.includes(word) ? false : text;
  return Type.IsEnum(schema) && 'anyCase' in schema && schema.anyCase === true ? word : text;
}

/** The words after the variable's name that say why its text was refused. */
function problemWith(schema: TSchema, issue: { keyword: string; message: string; params: object }, text: string): string {
  if (issue.keyword === '~refine') return issue.message;
  if (Type.IsInteger(schema)) return wholeNumberProblem(schema, text);
  if (Type.IsBoolean(schema)) return `must be on or off (true/false), got "${text}"`;
  if (Type.IsEnum(schema)) return `must be one of ${schema.enum.join(', ')}, got "${text}"`;
  if (issue.keyword === 'minLength' && 'limit' in issue.params) return `must be at least ${String(issue.params.limit)} characters long, got ${text.length}`;
  return `is not valid (${issue.message}), got "${text}"`;
}

/** The environment checked against its schema and decoded; an empty value counts as unset. */
function readEnvironment(env: Env): StaticDecode<typeof Environment> {
  const texts = new Map<string, string>();
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(Environment.properties)) {
    const text = env[name]?.trim();
    if (!text) continue;
    texts.set(name, text);
    values[name] = fromText(schema, text);
  }
  const withDefaults = Value.Default(Environment, values);
  const [issue] = Value.Errors(Environment, withDefaults);
  if (issue) {
    const name = issue.instancePath.slice(1);
    const schema = Environment.properties[name as keyof typeof Environment.properties];
    throw new ConfigError(`${name} ${problemWith(schema, issue, texts.get(name) ?? '')}`);
  }
  return Value.Decode(Environment, withDefaults);
}

export function loadConfig(env: Env = process.env): Config {
  const read = readEnvironment(env);
  return {
    port: read.PORT,
    host: read.HOST,
    publicUrl: read.PUBLIC_URL ?? new URL(`http://localhost:${read.PORT}`),
    databaseUrl: read.DATABASE_URL,
    dataDir: read.DATA_DIR,
    forumName: read.FORUM_NAME,
    defaultLocale: read.DEFAULT_LOCALE,
    trustProxy: read.TRUST_PROXY,
    rateLimits: read.RATE_LIMITS,
    adminEmails: read.ADMIN_EMAILS,
    threadDisplayDepth: read.THREAD_DISPLAY_DEPTH,
    logLevel: read.LOG_LEVEL,
    smtpUrl: read.SMTP_URL,
    secretKey: read.SECRET_KEY,
    timeZone: read.TIME_ZONE,
    connectTimeoutMs: read.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: read.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: read.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}
