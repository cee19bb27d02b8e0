// Businesses made through the same routes members use.
import { expect } from 'vitest';
import { JSON_ACCEPT, type Agent } from '../helpers/agents.js';

let sequence = 0;

export interface BusinessInput {
  name?: string;
  slug?: string;
  description?: string;
  website?: string;
  place?: string;
  networks?: string[];
  role?: string;
}

/** Creates a business as this member (its first staff admin); its JSON. */
export async function createBusiness(member: Agent, overrides: BusinessInput = {}) {
  sequence += 1;
  const response = await member
    .post('/b/new')
    .set('accept', JSON_ACCEPT)
    .send({ name: `Business ${sequence}`, ...overrides });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { slug: string; name: string; staff: Array<{ username: string; role: string; isAdmin: boolean }> };
}

/** The business's staff as its JSON gives it, admins first. */
export async function staffOf(agent: Agent, slug: string) {
  const response = await agent.get(`/b/${slug}`).set('accept', JSON_ACCEPT);
  expect(response.status).toBe(200);
  return (response.body as { staff: Array<{ username: string; role: string; isAdmin: boolean }> }).staff;
}

/** Invites `username` to the staff and has them accept. */
export async function addToStaff(admin: Agent, invitee: Agent, slug: string, username: string, role = 'guide') {
  await admin.post(`/b/${slug}/invitations`).set('accept', JSON_ACCEPT).send({ username, role }).expect(200);
  await invitee.post(`/b/${slug}/invitations/accept`).set('accept', JSON_ACCEPT).expect(200);
}
