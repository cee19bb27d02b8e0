// Browsers and scripts talking to a test forum, signed in or not.
import supertest from 'supertest';
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
  return { agent, ...account, role: response.body.role };
}
