import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const HIDDEN_MARKER = 'HIDDEN-MARKER-7c1e';
const DELETED_MARKER = 'DELETED-MARKER-2b9d';

/** Parses strictly: any warning or error of the parser fails the test. */
function parseXml(text: string): Document {
  const problems: string[] = [];
  // What xmldom forgives but XML forbids: a bare `&`, and characters outside XML 1.0's range.
  expect(text.match(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/g)).toBeNull();
  expect(text.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g)).toBeNull();
  const document = new DOMParser({ onError: (level, message) => void problems.push(`${level}: ${message}`) }).parseFromString(text, 'application/xml');
  expect(problems).toEqual([]);
  return document;
}

function children(parent: Element, name: string): Element[] {
  return Array.from(parent.childNodes).filter(
    (node): node is Element => node.nodeType === 1 && (node as Element).localName === name && (node as Element).namespaceURI === ATOM_NS,
  );
}

function text(parent: Element, name: string): string {
  const [child] = children(parent, name);
  expect(child, `<${name}> in <${parent.localName}>`).toBeDefined();
  return child!.textContent ?? '';
}

/** The elements RFC 4287 requires of a feed and of each entry, with dates that parse. */
function checkAtom(document: Document) {
  const feed = document.documentElement!;
  expect(feed.localName).toBe('feed');
  expect(feed.namespaceURI).toBe(ATOM_NS);
  for (const name of ['id', 'title', 'updated']) expect(text(feed, name).trim()).not.toBe('');
  expect(Number.isNaN(Date.parse(text(feed, 'updated')))).toBe(false);
  // An author on the feed, or on every entry.
  expect(children(feed, 'author').length > 0 || children(feed, 'entry').every((e) => children(e, 'author').length > 0)).toBe(true);
  const entries = children(feed, 'entry');
  for (const entry of entries) {
    for (const name of ['id', 'title', 'updated']) expect(text(entry, name).trim()).not.toBe('');
    expect(Number.isNaN(Date.parse(text(entry, 'updated')))).toBe(false);
    const links = children(entry, 'link').filter((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate');
    expect(links.length).toBe(1);
    expect(links[0]!.getAttribute('href')).toMatch(/^http:\/\/forum\.test\//);
  }
  return { feed, entries };
}

describe('Atom feeds', () => {
  let ctx: TestContext;
  let admin: Member;
  let member: Member;
  let threadId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'feed_admin' });
    member = await signUp(ctx, { username: 'feed_member', displayName: 'Feed & <Member>' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak & Paddling', description: 'Boats <and> "things"' });
    const thread = await startThread(member.agent, 'kajak', {
      title: 'Ampersands & <angles> "quoted"',
      body: 'Opening with **bold** & <b>raw</b> and a control\u0001char',
    });
    threadId = thread.id;
    await reply(member.agent, threadId, 'A plain reply');
    const hidden = await reply(member.agent, threadId, `Spam ${HIDDEN_MARKER}`);
    await admin.agent.post(`/p/${hidden.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
    const deleted = await reply(member.agent, threadId, `Oops ${DELETED_MARKER}`);
    await member.agent.post(`/p/${deleted.id}/delete`).set('accept', JSON_ACCEPT).expect(200);
    // A thread whose opening post is hidden: not in the board's feed at all.
    const hiddenThread = await startThread(member.agent, 'kajak', { title: `Hidden thread ${HIDDEN_MARKER}`, body: `Body ${HIDDEN_MARKER}` });
    await admin.agent.post(`/p/${hiddenThread.posts[0]!.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
  });
  afterAll(() => ctx.close());

  it('serves a board\u2019s latest threads as valid Atom, without hidden ones', async () => {
    const response = await guest(ctx).get('/n/kajak/feed.atom');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(response.text).not.toContain(HIDDEN_MARKER);
    const { feed, entries } = checkAtom(parseXml(response.text));
    expect(text(feed, 'title')).toBe('Kajak & Paddling · Bryggan');
    expect(entries).toHaveLength(1);
    expect(text(entries[0]!, 'title')).toBe('Ampersands & <angles> "quoted"');
    expect(text(entries[0]!, 'content')).toContain('<strong>bold</strong>');
    expect(text(entries[0]!, 'content')).toContain('&lt;b&gt;raw&lt;/b&gt;');
    expect(text(children(entries[0]!, 'author')[0]!, 'name')).toBe('Feed & <Member>');
    expect(children(entries[0]!, 'link')[0]!.getAttribute('href')).toBe(`http://forum.test/t/${threadId}/ampersands-angles-quoted`);
  });

  it('serves a thread\u2019s latest posts as valid Atom, without hidden or deleted posts', async () => {
    const response = await guest(ctx).get(`/t/${threadId}/feed.atom`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(response.text).not.toContain(HIDDEN_MARKER);
    expect(response.text).not.toContain(DELETED_MARKER);
    const { entries } = checkAtom(parseXml(response.text));
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => text(e, 'id'))).toEqual(expect.arrayContaining([expect.stringMatching(/^http:\/\/forum\.test\/p\/\d+$/)]));
    // Even a moderator's request gets the public feed.
    expect((await admin.agent.get(`/t/${threadId}/feed.atom`)).text).not.toContain(HIDDEN_MARKER);
  });

  it('stays the same when the hidden post is its newest, and answers 404 for what does not exist', async () => {
    expect((await guest(ctx).get('/n/nowhere/feed.atom')).status).toBe(404);
    expect((await guest(ctx).get('/t/999999/feed.atom')).status).toBe(404);
  });

  it('is named by the board\u2019s and the thread\u2019s pages', async () => {
    const board = await guest(ctx).get('/n/kajak').set('accept', HTML);
    expect(board.text).toContain('<link rel="alternate" type="application/atom+xml" href="/n/kajak/feed.atom"');
    const thread = await guest(ctx).get(`/t/${threadId}`).set('accept', HTML);
    expect(thread.text).toContain(`<link rel="alternate" type="application/atom+xml" href="/t/${threadId}/feed.atom"`);
  });
});
