// Factories for networks, threads and replies, made through the same HTTP routes users use.
import { expect } from 'vitest';
import { JSON_ACCEPT, type Agent } from './agents.js';

let sequence = 0;

export async function createNetwork(admin: Agent, overrides: { slug?: string; name?: string; description?: string } = {}) {
  sequence += 1;
  const body = {
    slug: overrides.slug ?? `net-${process.pid}-${sequence}`,
    name: overrides.name ?? `Network ${sequence}`,
    description: overrides.description ?? 'A network for testing.',
  };
  const response = await admin.post('/networks').set('accept', JSON_ACCEPT).send(body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { slug: string; name: string };
}

export async function startThread(member: Agent, network: string, overrides: { title?: string; body?: string } = {}) {
  sequence += 1;
  const response = await member
    .post(`/n/${network}/threads`)
    .set('accept', JSON_ACCEPT)
    .send({ title: overrides.title ?? `Thread number ${sequence}`, body: overrides.body ?? `Opening post ${sequence}` });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; title: string; network: string; posts: Array<{ id: number; html: string }> };
}

export async function reply(member: Agent, threadId: number, body: string, parentId?: number) {
  const response = await member
    .post(`/t/${threadId}/replies`)
    .set('accept', JSON_ACCEPT)
    .send(parentId === undefined ? { body } : { body, parentId });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; parentId: number; threadId: number; html: string };
}

/**
 * The stage most moderation tests play on: networks (slug → name, and the username of its convener,
 * if it has one) created and their conveners appointed, by the admin.
 */
export async function networksWithConveners(admin: Agent, networks: Record<string, { name: string; convener?: string }>): Promise<void> {
  for (const [slug, { name, convener }] of Object.entries(networks)) {
    await createNetwork(admin, { slug, name });
    if (convener) await admin.post(`/n/${slug}/conveners`).set('accept', JSON_ACCEPT).send({ username: convener }).expect(200);
  }
}
