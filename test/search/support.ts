// Searching as a user does: GET /search and /search/similar as JSON, through a guest's or a member's
// agent, and the few things the search tests set up the same way (a member in a language, a post
// placed in time, a post hidden).
import { expect } from 'vitest';
import { sql } from 'kysely';
import { JSON_ACCEPT, signUp, type Agent, type Member } from '../helpers/agents.js';
import type { TestContext } from '../helpers/context.js';

export interface SearchHit {
  thread: { id: number; title: string; slug: string; titleHidden: boolean; path: string };
  network: { slug: string; name: string };
  post: { id: number; author: { username: string; displayName: string }; createdAt: string; isOpening: boolean };
  excerpt: string;
}

export interface SearchAnswer {
  query: { q: string; network: string | null; author: string | null; after: string | null; before: string | null; in: string | null; sort: string };
  results: SearchHit[];
  next: string | null;
}

export type SearchParams = Partial<Record<'q' | 'network' | 'author' | 'after' | 'before' | 'in' | 'sort' | 'cursor', string>>;

/** GET /search as JSON, in English (a hidden thread's placeholder title reads "Hidden thread"); the raw response. */
export function searchRequest(agent: Agent, params: SearchParams) {
  return agent.get('/search').query(params).set('accept', JSON_ACCEPT).set('accept-language', 'en');
}

/** GET /search as JSON; expects 200 and answers the body. */
export async function search(agent: Agent, params: SearchParams | string): Promise<SearchAnswer> {
  const response = await searchRequest(agent, typeof params === 'string' ? { q: params } : params);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as SearchAnswer;
}

/** The ids of the threads a search finds, in its order (first page). */
export async function foundThreads(agent: Agent, params: SearchParams | string): Promise<number[]> {
  return (await search(agent, params)).results.map((hit) => hit.thread.id);
}

/** Every page of a search, following `next` to the end (at most `limit` pages). */
export async function allPages(agent: Agent, params: SearchParams, limit = 10): Promise<SearchAnswer[]> {
  const pages: SearchAnswer[] = [];
  let cursor: string | undefined;
  do {
    const page = await search(agent, cursor ? { ...params, cursor } : params);
    pages.push(page);
    cursor = page.next ?? undefined;
  } while (cursor && pages.length < limit);
  return pages;
}

/** GET /search/similar as JSON; expects 200. */
export async function similar(agent: Agent, network: string, title: string) {
  const response = await agent.get('/search/similar').query({ network, title }).set('accept', JSON_ACCEPT).set('accept-language', 'en');
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { threads: Array<{ id: number; title: string; path: string }> };
}

/** A member whose account's language is `locale` (set with the language switch, as on /me). */
export async function memberIn(ctx: TestContext, locale: 'sv' | 'da' | 'en', overrides: { username?: string; displayName?: string } = {}): Promise<Member> {
  const member = await signUp(ctx, overrides);
  await member.agent.post('/language').set('accept', JSON_ACCEPT).send({ locale }).expect(200);
  return member;
}

/** Moves a post (and, for an opening post, its thread) to an instant, as if written then. */
export async function writtenAt(ctx: TestContext, postId: number, at: Date): Promise<void> {
  await sql`update posts set created_at = ${at} where id = ${postId}`.execute(ctx.db);
  await sql`update threads set created_at = ${at} from posts where posts.id = ${postId} and posts.parent_id is null and threads.id = posts.thread_id`.execute(
    ctx.db,
  );
}

/** Hides a post as a moderator (a convener of its network or an admin). */
export async function hide(moderator: Agent, postId: number): Promise<void> {
  const response = await moderator.post(`/p/${postId}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

export async function unhide(moderator: Agent, postId: number): Promise<void> {
  const response = await moderator.post(`/p/${postId}/unhide`).set('accept', JSON_ACCEPT);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

/** The tags in an excerpt: only <mark> and </mark> may be there. */
export function tagsIn(html: string): string[] {
  return html.match(/<[^>]*>/g) ?? [];
}
