// A business's page: creating one, what it shows, editing it (its staff admins only), and its address.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { announceAccountChange } from '../helpers/events.js';
import { createNetwork } from '../helpers/forum.js';
import { createEmailContext, startSmtp, type SmtpListener } from '../email/support.js';
import { addToStaff, createBusiness } from './support.js';

describe('business pages', () => {
  let ctx: TestContext;
  let admin: Member;
  let owner: Member;
  let colleague: Member;
  let stranger: Member;
  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'biz_admin' });
    owner = await signUp(ctx, { username: 'jonas_ek', displayName: 'Jonas Ek' });
    colleague = await signUp(ctx, { username: 'lina_berg', displayName: 'Lina Berg' });
    stranger = await signUp(ctx, { username: 'stranger' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiske' });
  });
  afterAll(() => ctx.close());

  it('lets a member create a business from the form and become its staff admin', async () => {
    const created = await owner.agent
      .post('/b/new')
      .set('accept', HTML)
      .type('form')
      .send({
        name: 'Kajakboden Åre',
        description: 'Vi hyr ut **kajaker**.\n\n<script>alert(1)</script>',
        website: 'https://kajakboden.example',
        place: 'Hamnen, Åre',
        networks: ['kajak', 'fiske'],
      });
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe('/b/kajakboden-are');

    const page = await guest(ctx).get('/b/kajakboden-are').set('accept', HTML).set('accept-language', 'en');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Kajakboden Åre</h1>');
    expect(page.text).toContain('<strong>kajaker</strong>');
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).toContain('<a href="https://kajakboden.example" rel="nofollow ugc noopener">');
    expect(page.text).toContain('<a href="/n/kajak">Kajak</a>');
    expect(page.text).toMatch(/<a class="person-link" href="\/u\/jonas_ek">Jonas Ek<\/a> <span>· owner <span class="badge">staff admin<\/span>/);
    // Guests see no tools.
    expect(page.text).not.toContain('/b/kajakboden-are/edit');
    expect(page.text).not.toContain('/b/kajakboden-are/leave');

    const json = await guest(ctx).get('/b/kajakboden-are').set('accept', JSON_ACCEPT);
    expect(json.body).toEqual({
      slug: 'kajakboden-are',
      name: 'Kajakboden Åre',
      description: 'Vi hyr ut **kajaker**.\n\n<script>alert(1)</script>',
      descriptionHtml: expect.stringContaining('<strong>kajaker</strong>'),
      website: 'https://kajakboden.example',
      place: 'Hamnen, Åre',
      networks: [
        { slug: 'fiske', name: 'Fiske' },
        { slug: 'kajak', name: 'Kajak' },
      ],
      staff: [{ username: 'jonas_ek', displayName: 'Jonas Ek', role: 'owner', isAdmin: true }],
      createdAt: expect.any(String),
    });
  });

  it('takes the role its creator types', async () => {
    const business = await createBusiness(colleague.agent, { name: 'Fiskeguiden', role: 'guide' });
    expect(business.staff).toEqual([{ username: 'lina_berg', displayName: 'Lina Berg', role: 'guide', isAdmin: true }]);
  });

  it('refuses guests (401) and bad input with 400 naming the field, the form shown again', async () => {
    expect((await guest(ctx).post('/b/new').set('accept', JSON_ACCEPT).send({ name: 'Guest shop' })).status).toBe(401);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'X' }, 'name'],
      [{ name: 'y'.repeat(81) }, 'name'],
      [{ name: 'Fine name', website: 'javascript:alert(1)' }, 'website'],
      [{ name: 'Fine name', website: 'ftp://files.example' }, 'website'],
      [{ name: 'Fine name', slug: 'Has Space' }, 'slug'],
      [{ name: 'Fine name', networks: ['no-such-network'] }, 'networks'],
      [{ name: 'Fine name', description: 'z'.repeat(2001) }, 'description'],
      [{ name: 'New' }, 'slug'],
      [{ name: '!!', slug: 'n' }, 'slug'],
    ];
    for (const [body, field] of cases) {
      const response = await stranger.agent.post('/b/new').set('accept', JSON_ACCEPT).send(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(response.body.fields), JSON.stringify(body)).toEqual([field]);
    }
    const page = await stranger.agent
      .post('/b/new')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ name: 'Fine name', website: 'kajak.example' });
    expect(page.status).toBe(400);
    expect(page.text).toContain('Enter a web address starting with http:// or https://');
    expect(page.text).toContain('value="Fine name"');
    expect(await ctx.db.selectFrom('businesses').select('id').where('name', '=', 'Fine name').executeTakeFirst()).toBeUndefined();
  });

  it('lets only its staff admins edit it: 403 for other staff and strangers', async () => {
    const business = await createBusiness(owner.agent, { name: 'Stugbyn', networks: ['kajak'] });
    await addToStaff(owner.agent, colleague.agent, business.slug, colleague.username);

    const form = await owner.agent.get(`/b/${business.slug}/edit`).set('accept', HTML);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Stugbyn"');
    expect(form.text).toMatch(/value="kajak" checked/);
    for (const other of [colleague, stranger]) {
      expect((await other.agent.get(`/b/${business.slug}/edit`).set('accept', HTML)).status).toBe(403);
      const refused = await other.agent.post(`/b/${business.slug}/edit`).set('accept', JSON_ACCEPT).send({ name: 'Hijacked' });
      expect(refused.status).toBe(403);
    }
    expect((await guest(ctx).post(`/b/${business.slug}/edit`).set('accept', JSON_ACCEPT).send({ name: 'Hijacked' })).status).toBe(401);

    const saved = await owner.agent
      .post(`/b/${business.slug}/edit`)
      .set('accept', JSON_ACCEPT)
      .send({ name: 'Stugbyn vid sjön', slug: 'stugbyn-sjon', place: 'Sjövägen 1', networks: ['fiske'] });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ slug: 'stugbyn-sjon', name: 'Stugbyn vid sjön', place: 'Sjövägen 1', networks: [{ slug: 'fiske', name: 'Fiske' }] });
    const row = await ctx.db.selectFrom('businesses').select(['name', 'slug']).where('slug', '=', 'stugbyn-sjon').executeTakeFirstOrThrow();
    expect(row.name).toBe('Stugbyn vid sjön');
    expect((await guest(ctx).get(`/b/${business.slug}`).set('accept', HTML)).status).toBe(404);
  });

  it('refuses a taken address with 400 on slug, also when several ask for it at the same moment', async () => {
    await createBusiness(owner.agent, { name: 'Bageriet' });
    const taken = await stranger.agent.post('/b/new').set('accept', JSON_ACCEPT).send({ name: 'Bageriet' });
    expect(taken.status).toBe(400);
    expect(Object.keys(taken.body.fields)).toEqual(['slug']);

    const members = await Promise.all([1, 2, 3, 4].map((n) => signUp(ctx, { username: `racer_${n}` })));
    const answers = await Promise.all(
      members.map((member) => member.agent.post('/b/new').set('accept', JSON_ACCEPT).send({ name: 'Racing Café', slug: 'racing-cafe' })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 400, 400, 400]);
    for (const answer of answers.filter((a) => a.status === 400)) expect(Object.keys(answer.body.fields)).toEqual(['slug']);
    const rows = await ctx.db
      .selectFrom('businesses')
      .innerJoin('business_staff', 'business_staff.business_id', 'businesses.id')
      .select('business_staff.account_id')
      .where('slug', '=', 'racing-cafe')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('answers 404 for a business that does not exist', async () => {
    expect((await guest(ctx).get('/b/no-such-business').set('accept', HTML)).status).toBe(404);
    expect((await owner.agent.post('/b/no-such-business/edit').set('accept', JSON_ACCEPT).send({ name: 'Whatever' })).status).toBe(404);
  });
});

describe('starting a business on a forum that sends email', () => {
  let smtp: SmtpListener;
  let ctx: TestContext;
  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createEmailContext({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('refuses a member whose address is not confirmed, and lets them once it is', async () => {
    const member = await signUp(ctx, { username: 'unproven' });
    await sql`update accounts set email_confirmed_at = null where username = 'unproven'`.execute(ctx.db);
    await announceAccountChange(ctx, 'unproven');
    expect((await member.agent.get('/b/new').set('accept', HTML)).status).toBe(403);
    const refused = await member.agent.post('/b/new').set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ name: 'Unproven shop' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('Confirm your email address first');
    expect(await ctx.db.selectFrom('businesses').select('id').where('name', '=', 'Unproven shop').executeTakeFirst()).toBeUndefined();

    await sql`update accounts set email_confirmed_at = now() where username = 'unproven'`.execute(ctx.db);
    await announceAccountChange(ctx, 'unproven');
    expect((await member.agent.post('/b/new').set('accept', JSON_ACCEPT).send({ name: 'Unproven shop' })).status).toBe(201);
  });
});
