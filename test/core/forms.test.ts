// Forms a browser can be refused by: hints and errors tied to their fields, a refused form's title
// saying how many fields to fix, and its summary taking the focus and linking to each field. And the
// reply form: whom it answers, and the way to it from the top of the thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, signUp, guest, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)![1];
/** The opening tag of the input or textarea named `name`. */
const inputTag = (html: string, name: string) => new RegExp(`<(?:input|textarea) id="field-${name}"[^>]*>`).exec(html)![0];
const send = (agent: Agent, path: string, body: object, language = 'en') =>
  agent.post(path).set('accept', HTML).set('accept-language', language).type('form').send(body);

describe('forms', () => {
  let ctx: TestContext;
  let admin: Member;
  let elin: Member;
  let threadId: number;
  let openingId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    elin = await signUp(ctx, { username: 'elin_forms', displayName: 'Elin' });
    await networksWithConveners(admin.agent, { fiske: { name: 'Fiske' } });
    const thread = await startThread(admin.agent, 'fiske', { title: 'Pike season' });
    threadId = thread.id;
    openingId = thread.posts[0]!.id;
  });
  afterAll(() => ctx.close());

  it('ties each hint to its field, and an error too, error first', async () => {
    const blank = await guest(ctx).get('/register').set('accept', HTML).set('accept-language', 'en');
    expect(inputTag(blank.text, 'username')).toContain('aria-describedby="hint-username"');
    expect(blank.text).toContain('<p class="hint" id="hint-username">');
    expect(inputTag(blank.text, 'email')).not.toContain('aria-describedby');
    expect(blank.text).not.toContain('class="form-error"');

    const refused = await send(guest(ctx), '/register', { username: 'ann!', displayName: 'Ann', email: 'not-an-address', password: 'correct horse battery' });
    expect(refused.status).toBe(400);
    expect(inputTag(refused.text, 'username')).toContain('aria-describedby="error-username hint-username"');
    expect(inputTag(refused.text, 'username')).toContain('aria-invalid="true"');
    expect(inputTag(refused.text, 'email')).toContain('aria-describedby="error-email"');
    expect(inputTag(refused.text, 'displayName')).toContain('aria-describedby="hint-displayName"');
    expect(inputTag(refused.text, 'displayName')).not.toContain('aria-invalid');
    expect(refused.text).toContain('<p class="field-error" id="error-email">Not a valid email address</p>');
  });

  it('keeps a refused form’s title, prefixed with how many fields to fix, in each language', async () => {
    const two = { username: 'ann!', displayName: 'Ann', email: 'not-an-address', password: 'correct horse battery' };
    expect(titleOf((await send(guest(ctx), '/register', two)).text)).toBe('2 fields to fix · Create an account · Bryggan');
    expect(titleOf((await send(guest(ctx), '/register', two, 'sv')).text)).toBe('2 fält att rätta · Skapa konto · Bryggan');
    expect(titleOf((await send(guest(ctx), '/register', two, 'da')).text)).toMatch(/^2 felter skal rettes · .+ · Bryggan$/);
    expect(titleOf((await send(guest(ctx), '/register', { ...two, email: 'ann@example.test' })).text)).toBe('1 field to fix · Create an account · Bryggan');
    // A form on a page of its own keeps that page's title: the thread's, for a refused reply.
    const reply = await send(elin.agent, `/t/${threadId}/replies`, { body: '' });
    expect(reply.status).toBe(400);
    expect(titleOf(reply.text)).toBe('1 field to fix · Reply: Pike season · Bryggan');
  });

  it('moves the focus to the error summary, which links to each field by its label', async () => {
    const refused = await send(guest(ctx), '/register', { username: 'ann!', displayName: 'Ann', email: 'not-an-address', password: 'correct horse battery' });
    const summary = /<div class="form-error"[^>]*>([\s\S]*?)<\/div>/.exec(refused.text)!;
    expect(summary[0]).toMatch(/^<div class="form-error" id="form-error" tabindex="-1" autofocus>/);
    expect(summary[1]).toContain('Please correct the marked fields.');
    expect(summary[1]).toContain('<a href="#field-username">Username: Only letters, digits, _ and -</a>');
    expect(summary[1]).toContain('<a href="#field-email">Email: Not a valid email address</a>');
    expect(summary[1]).not.toContain('field-displayName');
    // Listed in the form's order, whatever order the checks found them in.
    const unnamed = await send(guest(ctx), '/register', { username: 'ann!', email: 'not-an-address', password: 'correct horse battery' });
    const links = [...unnamed.text.matchAll(/<li><a href="#field-(\w+)">/g)].map((match) => match[1]);
    expect(links).toEqual(['username', 'displayName', 'email']);
    // The summary comes before the form, and no other element asks for the focus.
    expect(refused.text.match(/autofocus/g)).toHaveLength(1);
    expect(refused.text.indexOf('id="form-error"')).toBeLessThan(refused.text.indexOf('id="field-username"'));
  });

  it('says whom a reply answers, also when the reply is refused', async () => {
    const post = await reply(elin.agent, threadId, 'Early May is best');
    const member = await signUp(ctx);
    const en = await member.agent.get(`/t/${threadId}/reply?to=${post.id}`).set('accept', HTML).set('accept-language', 'en');
    expect(en.text).toContain('<label for="field-body">Reply to Elin</label>');
    const sv = await member.agent.get(`/t/${threadId}/reply?to=${post.id}`).set('accept', HTML).set('accept-language', 'sv');
    expect(sv.text).toContain('<label for="field-body">Svara Elin</label>');
    const da = await member.agent.get(`/t/${threadId}/reply?to=${post.id}`).set('accept', HTML).set('accept-language', 'da');
    expect(da.text).toContain('<label for="field-body">Svar Elin</label>');
    const toThread = await member.agent.get(`/t/${threadId}/reply`).set('accept', HTML).set('accept-language', 'en');
    expect(toThread.text).toContain('<label for="field-body">Your reply</label>');

    const refused = await send(member.agent, `/t/${threadId}/replies`, { body: '', parentId: post.id });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<label for="field-body">Reply to Elin</label>');
    expect(refused.text).toContain(`name="parentId" value="${post.id}"`);
    expect(refused.text).toContain('<a href="#field-body">Reply to Elin: Required</a>');
    // A parent from another thread (or none at all) is not named.
    const other = await startThread(admin.agent, 'fiske');
    const elsewhere = await send(member.agent, `/t/${threadId}/replies`, { body: '', parentId: other.posts[0]!.id });
    expect(elsewhere.text).toContain('<label for="field-body">Your reply</label>');
  });

  it('offers, at the top of a thread, a link to the reply form, and counts replies in a heading live updates can change', async () => {
    const member = await signUp(ctx);
    const shown = await member.agent.get(`/t/${threadId}`).set('accept', HTML).set('accept-language', 'en');
    const link = shown.text.indexOf('<a href="#reply-heading">Reply to the thread</a>');
    expect(link).toBeGreaterThan(shown.text.indexOf('<h1'));
    expect(link).toBeLessThan(shown.text.indexOf(`id="p-${openingId}"`));
    expect(shown.text).toContain('<h2 id="reply-heading">Reply to the thread</h2>');
    const count = await ctx.db.selectFrom('threads').select('reply_count').where('id', '=', threadId).executeTakeFirstOrThrow();
    expect(shown.text).toContain(`data-reply-count="${count.reply_count}" data-text="{count} replies" data-text-one="1 reply"`);
    // The inline form (reply.js) is told how to say whom it answers.
    expect(shown.text).toContain('<label data-text="Reply to {name}">');
    // Guests, who cannot reply, get no link to a form they do not have.
    expect((await guest(ctx).get(`/t/${threadId}`).set('accept', HTML)).text).not.toContain('href="#reply-heading"');
  });
});
