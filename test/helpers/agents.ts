// Browsers and scripts talking to a test forum, signed in or not.
import supertest from 'supertest';
import { createToken } from '../../src/accounts/tokens.queries.js';
import type { TestContext } from './context.js';

export type Agent = ReturnType<typeof supertest.agent>;

export const HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';
export const JSON_ACCEPT = 'application/json';

let sequence = 0;

export interface Member {
  agent: Agent;
  username: string;
  displayName: string;
  email: string;
  password: string;
  role: string;
}

export function guest(ctx: TestContext): Agent {
  return supertest.agent(ctx.app.server);
}

/** Registers a new account through POST /register and returns an agent carrying its session. */
export async function signUp(ctx: TestContext, overrides: Partial<Omit<Member, 'agent' | 'role'>> = {}): Promise<Member> {
  sequence += 1;
  const username = overrides.username ?? `member_${process.pid}_${sequence}`;
  const account = {
    username,
    displayName: overrides.displayName ?? `Member ${sequence}`,
    email: overrides.email ?? `${username}@example.test`,
    password: overrides.password ?? 'correct horse battery',
  };
  const agent = guest(ctx);
  const response = await agent.post('/register').set('accept', JSON_ACCEPT).send(account);
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  if (!ctx.app.email.enabled) return { agent, ...account, role: response.body.role };
  // A forum that sends email signs in with the confirmation link: one made like the emailed one, used as a browser would.
  return { agent, ...account, role: await confirmAddress(ctx, agent, account.username) };
}

/** Confirms the account's address through POST /email/confirm/:token (the agent is then signed in); its role after. */
export async function confirmAddress(ctx: TestContext, agent: Agent, username: string): Promise<string> {
  const account = await ctx.db.selectFrom('accounts').select(['id', 'email']).where('username', '=', username).executeTakeFirstOrThrow();
  const secret = await createToken(ctx.db, account.id, 'email_confirmation', account.email);
  const confirmed = await agent.post(`/email/confirm/${secret}`).set('accept', JSON_ACCEPT);
  if (confirmed.status !== 200) throw new Error(`confirming failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return confirmed.body.role;
}

export interface SetCookie {
  value: string;
  /** Lower-cased attribute names; flags such as HttpOnly map to true. */
  attributes: Record<string, string | true>;
}

/** The cookie `name` as the response sets it, or undefined when the response does not touch it. */
export function setCookie(response: { headers: Record<string, unknown> }, name: string): SetCookie | undefined {
  const raw = response.headers['set-cookie'];
  const lines = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  const line = lines.find((l) => l.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair = '', ...parts] = line.split(';');
  const attributes: Record<string, string | true> = {};
  for (const part of parts) {
    const [key = '', ...rest] = part.trim().split('=');
    attributes[key.toLowerCase()] = rest.length ? rest.join('=') : true;
  }
  return { value: decodeURIComponent(pair.slice(name.length + 1)), attributes };
}

/** The session token a response hands out; throws when it sets none. */
export function sessionToken(response: { headers: Record<string, unknown> }): string {
  const cookie = setCookie(response, 'session');
  if (!cookie?.value) throw new Error('the response sets no session cookie');
  return cookie.value;
}
