// A member's home is rendered once for every member of the same networks who is no admin and reads every
// upcoming meeting's title as any member does, and kept (core/shared-views.ts); their own parts (header,
// the latest threads with their read state, the questions waiting for a reply) are theirs. Anyone who
// sees the page otherwise gets their own rendering, whoever was served first.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HTML, JSON_ACCEPT, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { untilEventsSeen } from '../helpers/events.js';
import { networksWithConveners, startThread } from '../helpers/forum.js';

/** What the page shows inside <main>. */
function mainOf(html: string): string {
  return /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
}

/** A section of the home page, by its heading's id. */
function sectionOf(html: string, headingId: string): string {
  return new RegExp(`<section aria-labelledby="${headingId}"[\\s\\S]*?</section>`).exec(mainOf(html))?.[0] ?? '';
}

/** The page without the member's own lists. */
function sharedPart(html: string): string {
  return mainOf(html)
    .replace(/(<section aria-labelledby="latest-mine"[\s\S]*?<\/nav>)[\s\S]*?<\/section>/, '$1</section>')
    .replace(/(<section aria-labelledby="needs-reply"[\s\S]*?<\/p>)[\s\S]*?<\/section>/, '$1</section>');
}

describe("a member's home kept for every member of the same networks", () => {
  let ctx: TestContext;
  let admin: Member;
  let asker: Member;
  let reader: Member;
  let questionId: number;
  let renderShared: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    asker = await signUp(ctx);
    reader = await signUp(ctx);
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak' }, fiske: { name: 'Fiske' } });
    for (const member of [asker, reader]) await member.agent.post('/n/kajak/join').set('accept', JSON_ACCEPT).expect(200);
    questionId = (await startThread(asker.agent, 'kajak', { title: 'Var sjösätter man i Fjällbacka?' })).id;
    await untilEventsSeen(ctx);
    renderShared = vi.spyOn(ctx.app.views, 'renderShared');
  });
  afterAll(() => ctx.close());

  const home = async (agent: Agent) => (await agent.get('/').set('accept', HTML).expect(200)).text;
  const homeRenderings = () => renderShared.mock.calls.filter(([view]) => view === 'networks/home').length;

  it('serves one rendering to every such member, each with their own name, read states and questions waiting', async () => {
    const askers = await home(asker.agent);
    const rendered = homeRenderings();
    const readers = await home(reader.agent);
    // Served from what was kept: not rendered again.
    expect(homeRenderings()).toBe(rendered);
    expect(askers).toContain(asker.displayName);
    expect(readers).toContain(reader.displayName);
    expect(readers).not.toContain(`<p class="menu-account">${asker.displayName}</p>`);
    // The question waits for a reply from the reader, not from its asker; it is new to the reader only.
    expect(sectionOf(readers, 'needs-reply')).toContain('Var sjösätter man i Fjällbacka?');
    expect(sectionOf(askers, 'needs-reply')).not.toContain('Var sjösätter man i Fjällbacka?');
    expect(sectionOf(readers, 'latest-mine')).toContain('unread-badge');
    expect(sectionOf(askers, 'latest-mine')).not.toContain('unread-badge');
    expect(sharedPart(readers)).toBe(sharedPart(askers));
    expect(sectionOf(readers, 'your-networks')).toContain('href="/n/kajak"');
    // Sent in parts, with the length of them all.
    const again = await reader.agent.get('/').set('accept', HTML).expect(200);
    expect(Number(again.headers['content-length'])).toBe(Buffer.byteLength(again.text));
  });

  it('shows what the member read, and a new thread, at once', async () => {
    await reader.agent.get(`/t/${questionId}`).set('accept', HTML).expect(200);
    expect(sectionOf(await home(reader.agent), 'latest-mine')).not.toContain('unread-badge');
    await startThread(asker.agent, 'kajak', { title: 'Hyr ut dubbelkajak i juli' });
    expect(sectionOf(await home(reader.agent), 'latest-mine')).toContain('Hyr ut dubbelkajak i juli');
  });

  it('never serves it to a member of other networks, nor to an admin, nor theirs to anyone else', async () => {
    const angler = await signUp(ctx);
    await angler.agent.post('/n/fiske/join').set('accept', JSON_ACCEPT).expect(200);
    await untilEventsSeen(ctx);
    const anglers = await home(angler.agent);
    expect(sectionOf(anglers, 'your-networks')).toContain('href="/n/fiske"');
    expect(sectionOf(anglers, 'your-networks')).not.toContain('href="/n/kajak"');
    expect(sectionOf(anglers, 'other-networks')).toContain('action="/n/kajak/join"');
    const admins = await home(admin.agent);
    expect(admins).toContain('href="/networks/new"');
    const readers = await home(reader.agent);
    expect(sectionOf(readers, 'your-networks')).toContain('href="/n/kajak"');
    expect(sectionOf(readers, 'other-networks')).toContain('action="/n/fiske/join"');
    expect(readers).not.toContain('href="/networks/new"');
  });

  it('moves a member to the view of their new networks as soon as they join one', async () => {
    const joiner = await signUp(ctx);
    await joiner.agent.post('/n/kajak/join').set('accept', JSON_ACCEPT).expect(200);
    await untilEventsSeen(ctx);
    expect(sectionOf(await home(joiner.agent), 'other-networks')).toContain('action="/n/fiske/join"');
    await joiner.agent.post('/n/fiske/join').set('accept', JSON_ACCEPT).expect(200);
    const joined = await home(joiner.agent);
    expect(sectionOf(joined, 'your-networks')).toContain('href="/n/fiske"');
    expect(joined).not.toContain('action="/n/fiske/join"');
  });
});
