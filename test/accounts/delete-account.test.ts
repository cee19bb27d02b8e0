// Deleting one's own account (POST /me/delete): nothing personal is left in any table, posts stay
// signed by nobody or go as the member chose, sign-in is refused, and the username is held 30 days.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, onPostgres, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

/**
 * Columns that may still name a deleted account, and why: the account's row stays, anonymised, so
 * that what others read keeps its shape. Every other column that references accounts must hold no
 * row of it; a column the database has that is on neither list fails the test until it is decided.
 */
const KEPT = new Set([
  'posts.author_id', // its posts stay, signed "a former member" (or deleted and emptied)
  'posts.deleted_by_id', // who deleted a post, for "deleted by its author"
  'posts.hidden_by_id', // a post it hid as a convener stays hidden
  'threads.author_id',
  'threads.last_poster_id',
  'post_revisions.editor_id', // an admin's edit of someone else's post: that post's history
  'moderation_log.actor_id', // the log keeps its rows, the actor shown as a former member
  'moderation_log.target_account_id',
  'notifications.actor_id', // others' notifications about its posts
  'suspensions.created_by_id', // a suspension it imposed on someone else
  'post_thanks.account_id', // its thanks stay counted on others' posts, listed as a former member's
  'network_proposals.proposer_id', // a decided proposal stays, signed "a former member"; open ones are withdrawn (test/proposals/deletion.test.ts)
]);
const ERASED = new Set([
  'sessions.account_id',
  'account_tokens.account_id',
  'profiles.account_id',
  'follows.account_id',
  'network_members.account_id',
  'thread_watches.account_id',
  'thread_reads.account_id',
  'notifications.account_id',
  'email_settings.account_id',
  'email_outbox.account_id',
  'business_staff.account_id',
  'business_invitations.account_id',
  'business_invitations.invited_by_id',
  'convener_invitations.account_id',
  'convener_invitations.invited_by_id',
  'post_mentions.account_id',
  'conveners.account_id',
  'conveners.appointed_by_id',
  'flags.flagger_id',
  'suspensions.account_id',
  'submissions.account_id',
  'network_proposals.decided_by',
  'network_proposal_supporters.account_id',
  'meeting_answers.account_id',
  'meeting_calendar_tokens.account_id',
  'proposal_notices.account_id',
]);

describe('deleting one’s own account', () => {
  let ctx: TestContext;
  let admin: Member;
  let colleague: Member;
  let sequence = 0;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'delete_admin' });
    colleague = await signUp(ctx, { username: 'colleague', displayName: 'Colleague' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await colleague.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({ level: 'threads' }).expect(200);
  });
  afterAll(() => ctx.close());

  const accountIdOf = async (username: string) =>
    (await ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  /** How many of the database's connections wait for a lock (PostgreSQL). */
  const waitingForLocks = async () =>
    Number(
      (
        await sql<{ count: string }>`select count(*) as count from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(
          ctx.db,
        )
      ).rows[0]!.count,
    );

  /** A member with something in every table that can hold something of theirs. */
  async function memberWithHistory() {
    sequence += 1;
    const secret = `Unik${sequence}x`;
    const member = await signUp(ctx, { username: `leaver${sequence}`, displayName: `Åsa ${secret} Kajakbodén`, email: `asa.${secret}@example.test` });
    const id = await accountIdOf(member.username);
    await member.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({ level: 'posts' }).expect(200);
    await member.agent.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: 'instant' }).expect(200);
    const own = await startThread(member.agent, 'kajak', { title: `Paddling with ${member.username}`, body: `My own words ${secret}` });
    const answer = await reply(colleague.agent, own.id, `Welcome @${member.username}!`);
    // A thread nobody else wrote in; the colleague, who follows the board, is told of it.
    const lonely = await startThread(member.agent, 'kajak', { title: `Alone ${secret}`, body: `Talking to myself ${secret}` });
    const lonelyReply = await reply(member.agent, lonely.id, `Still alone ${secret}`);
    const othersThread = await startThread(colleague.agent, 'kajak', { title: 'Where to launch?' });
    const mine = await reply(member.agent, othersThread.id, `First version ${secret}`);
    await member.agent
      .post(`/p/${mine.id}/edit`)
      .set('accept', JSON_ACCEPT)
      .send({ body: `Second version ${secret}` })
      .expect(200);
    await member.agent.post(`/p/${othersThread.posts[0]!.id}/flag`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(201);
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: member.username }).expect(200);
    await ctx.app.notifications.runWorker();

    await ctx.db
      .insertInto('profiles')
      .values({ account_id: id, presentation: `Guide since 1998, ${secret}-presentation`, phone: `+46 70 123 45 ${10 + sequence}`, show_phone: true })
      .execute();
    const business = await ctx.db
      .insertInto('businesses')
      .values({ slug: `kajakboden-${sequence}`, name: `Kajakboden ${sequence}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const colleagueId = await accountIdOf(colleague.username);
    await ctx.db
      .insertInto('business_staff')
      .values([
        { business_id: business.id, account_id: id, role: 'owner', is_admin: true, created_at: new Date(Date.now() - 60_000) },
        { business_id: business.id, account_id: colleagueId, role: 'guide', is_admin: false },
      ])
      .execute();
    const other = await ctx.db
      .insertInto('businesses')
      .values({ slug: `fiskeboden-${sequence}`, name: `Fiskeboden ${sequence}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db.insertInto('business_staff').values({ business_id: other.id, account_id: colleagueId, role: 'owner', is_admin: true }).execute();
    await ctx.db.insertInto('business_invitations').values({ business_id: other.id, account_id: id, invited_by_id: colleagueId, role: 'guide' }).execute();
    // Invited to convene, and inviting someone else to.
    const kajak = await ctx.db.selectFrom('networks').select('id').where('slug', '=', 'kajak').executeTakeFirstOrThrow();
    const invitations = ctx.db.insertInto('convener_invitations');
    await invitations.values({ network_id: kajak.id, account_id: id, invited_by_id: colleagueId }).execute();
    await invitations
      .values({ network_id: kajak.id, account_id: colleagueId, invited_by_id: id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await ctx.db
      .insertInto('account_tokens')
      .values({ account_id: id, purpose: 'password_reset', secret_hash: new Uint8Array(32).fill(sequence), expires_at: new Date(Date.now() + 3_600_000) })
      .execute();
    await ctx.db
      .insertInto('submissions')
      .values({ account_id: id, key: `submission-${sequence}`, post_id: mine.id })
      .execute();
    await ctx.db
      .insertInto('attempts')
      .values({ bucket: 'sign-in', key: `account:${id}`, expires_at: new Date(Date.now() + 600_000) })
      .execute();
    // Suspended last: it keeps the member from posting.
    await admin.agent.post(`/u/${member.username}/suspend`).set('accept', JSON_ACCEPT).send({ days: 3, reason: 'Cooling off' }).expect(200);
    return { member, id, secret, own, answer, mine, lonely, lonelyReply, business: business.id, othersThread };
  }

  async function referencingColumns(): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      select distinct kcu.table_name || '.' || kcu.column_name as name
      from information_schema.referential_constraints rc
      join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
      where ccu.table_name = 'accounts' and ccu.column_name = 'id' and kcu.constraint_schema = 'public'
      order by 1`.execute(ctx.db);
    return rows.map((row) => row.name);
  }

  async function rowsNaming(column: string, accountId: number): Promise<number> {
    const [table, name] = column.split('.') as [string, string];
    const { rows } = await sql<{ count: string }>`select count(*) as count from ${sql.table(table)} where ${sql.ref(name)} = ${accountId}`.execute(ctx.db);
    return Number(rows[0]!.count);
  }

  /** The tables any of whose rows, written out as text, contain the text. */
  async function tablesContaining(text: string): Promise<string[]> {
    const { rows: tables } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(ctx.db);
    const found: string[] = [];
    for (const { name } of tables) {
      const { rows } = await sql<{
        count: string;
      }>`select count(*) as count from ${sql.table(name)} t where strpos(lower(t::text), lower(${text})) > 0`.execute(ctx.db);
      if (Number(rows[0]!.count) > 0) found.push(name);
    }
    return found;
  }

  it('refuses a wrong password on the password field and deletes nothing', async () => {
    const { member, id } = await memberWithHistory();
    const response = await member.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: 'not my password' });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.fields)).toEqual(['password']);
    const account = await ctx.db.selectFrom('accounts').select(['deleted_at', 'email']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(account).toEqual({ deleted_at: null, email: member.email });
    const form = await member.agent.post('/me/delete').set('accept', HTML).type('form').send({ password: 'not my password', deletePosts: 'true' });
    expect(form.status).toBe(400);
    expect(form.text).toMatch(/name="password"[^>]*aria-invalid="true"/);
    expect(form.text).toMatch(/name="deletePosts" value="true"[^>]*checked/);
  });

  it('erases everything personal, table by table, and keeps the posts, signed by nobody', async () => {
    const { member, id, secret, own, mine, lonely, lonelyReply, othersThread } = await memberWithHistory();
    const response = await member.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: member.password });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ deleted: true, postsDeleted: 0 });

    const columns = await referencingColumns();
    expect(columns.filter((column) => !KEPT.has(column) && !ERASED.has(column))).toEqual([]);
    for (const column of columns.filter((c) => ERASED.has(c))) expect({ column, rows: await rowsNaming(column, id) }).toEqual({ column, rows: 0 });
    expect(await ctx.db.selectFrom('attempts').select('id').where('key', '=', `account:${id}`).execute()).toEqual([]);
    for (const text of [member.email, member.displayName, `${secret}-presentation`, `+46 70 123 45 ${10 + sequence}`]) {
      expect({ text, tables: await tablesContaining(text) }).toEqual({ text, tables: [] });
    }

    const account = await ctx.db
      .selectFrom('accounts')
      .select(['username', 'email', 'locale', 'role', 'email_confirmed_at', 'deleted_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ username: member.username, email: null, locale: null, role: 'member', email_confirmed_at: null });
    expect(account.deleted_at).toBeInstanceOf(Date);
    // The flag still counts, and conveners still read it in their review queue, naming nobody.
    const flagged = othersThread.posts[0]!.id;
    expect(await ctx.db.selectFrom('flags').select('flagger_id').where('post_id', '=', flagged).execute()).toEqual([{ flagger_id: null }]);
    const review = await admin.agent.get('/n/kajak/review').set('accept', JSON_ACCEPT).expect(200);
    const item = (review.body.posts as Array<{ post: { id: number }; openFlags: number; flags: unknown[] }>).find((entry) => entry.post.id === flagged);
    expect(item).toMatchObject({ openFlags: 1, flags: [{ reason: 'spam', flagger: null }] });
    expect((await admin.agent.get('/n/kajak/review').set('accept', HTML).expect(200)).text).not.toContain(member.username + '</span>:');
    // The posts stay, their text too.
    const posts = await ctx.db.selectFrom('posts').select(['id', 'body', 'deleted_at']).where('author_id', '=', id).orderBy('id').execute();
    expect(posts).toEqual([
      { id: own.posts[0]!.id, body: `My own words ${secret}`, deleted_at: null },
      { id: lonely.posts[0]!.id, body: `Talking to myself ${secret}`, deleted_at: null },
      { id: lonelyReply.id, body: `Still alone ${secret}`, deleted_at: null },
      { id: mine.id, body: `Second version ${secret}`, deleted_at: null },
    ]);
    const thread = await guest(ctx).get(`/t/${own.id}`).set('accept', HTML).set('accept-language', 'en').expect(200);
    expect(thread.text).toContain(`My own words ${secret}`);
    expect(thread.text).toContain('a former member');
    expect(thread.text).not.toContain(member.displayName);
    expect(thread.text).not.toContain(`href="/u/${member.username}"`);
    // The colleague's mention of it stays, as plain text.
    expect(thread.text).toContain(`Welcome @${member.username}!`);
    // The log keeps the appointment, naming a former member.
    const log = await guest(ctx).get('/n/kajak/log').set('accept', HTML).set('accept-language', 'en').expect(200);
    expect(log.text).toContain('a former member');
    expect(log.text).not.toContain(`@${member.username})`);
  });

  it('with "delete my posts too", deletes every post and erases its text and earlier versions, and its own threads whole', async () => {
    const { member, id, secret, own, answer, mine, lonely } = await memberWithHistory();
    const threadCount = async () =>
      (await ctx.db.selectFrom('networks').select('thread_count').where('slug', '=', 'kajak').executeTakeFirstOrThrow()).thread_count;
    const before = await threadCount();
    expect(await ctx.db.selectFrom('notifications').select('id').where('thread_id', '=', lonely.id).execute()).not.toEqual([]);
    const response = await member.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: member.password, deletePosts: true });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ deleted: true, postsDeleted: 4 });
    // The thread nobody else wrote in is gone, from the board and its count too.
    expect((await guest(ctx).get(`/t/${lonely.id}`).set('accept', JSON_ACCEPT)).status).toBe(404);
    expect(await ctx.db.selectFrom('threads').select('id').where('id', '=', lonely.id).execute()).toEqual([]);
    expect(await threadCount()).toBe(before - 1);
    expect(await ctx.db.selectFrom('notifications').select('id').where('thread_id', '=', lonely.id).execute()).toEqual([]);
    expect((await guest(ctx).get('/n/kajak').set('accept', HTML).expect(200)).text).not.toContain(`Alone ${secret}`);
    const posts = await ctx.db.selectFrom('posts').select(['id', 'body', 'html', 'deleted_by_id']).where('author_id', '=', id).orderBy('id').execute();
    expect(posts).toEqual([
      { id: own.posts[0]!.id, body: '', html: '', deleted_by_id: id },
      { id: mine.id, body: '', html: '', deleted_by_id: id },
    ]);
    expect(await ctx.db.selectFrom('post_revisions').select('id').where('post_id', 'in', [own.posts[0]!.id, mine.id]).execute()).toEqual([]);
    expect(await tablesContaining(secret)).toEqual([]);
    // The thread stays for the colleague's reply, under an opening post shown as deleted.
    const thread = await guest(ctx).get(`/t/${own.id}`).set('accept', JSON_ACCEPT).expect(200);
    const shown = JSON.stringify(thread.body);
    expect(shown).toContain('Welcome');
    expect(shown).not.toContain(secret);
    expect((await ctx.db.selectFrom('posts').select('deleted_at').where('id', '=', answer.id).executeTakeFirstOrThrow()).deleted_at).toBeNull();
  });

  it('ends every session and refuses signing in, by username or by the old address', async () => {
    const { member } = await memberWithHistory();
    const otherDevice = guest(ctx);
    await otherDevice.post('/login').set('accept', JSON_ACCEPT).send({ login: member.username, password: member.password }).expect(200);
    await member.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: member.password }).expect(200);
    expect((await otherDevice.get('/me').set('accept', JSON_ACCEPT)).status).toBe(401);
    expect((await member.agent.get('/me').set('accept', JSON_ACCEPT)).status).toBe(401);
    for (const login of [member.username, member.email]) {
      expect((await guest(ctx).post('/login').set('accept', JSON_ACCEPT).send({ login, password: member.password })).status).toBe(400);
    }
    // Its name is held, but names nobody: no page, nobody to appoint.
    expect((await guest(ctx).get(`/u/${member.username}`).set('accept', JSON_ACCEPT)).status).toBe(404);
    const appoint = await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: member.username });
    expect(appoint.status).not.toBe(200);
    expect(
      await ctx.db
        .selectFrom('conveners')
        .select('account_id')
        .where('account_id', '=', await accountIdOf(member.username))
        .execute(),
    ).toEqual([]);
  });

  it('hands the business on to the colleague who joined first', async () => {
    const { member, business } = await memberWithHistory();
    await member.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: member.password }).expect(200);
    const staff = await ctx.db.selectFrom('business_staff').select(['account_id', 'is_admin']).where('business_id', '=', business).execute();
    expect(staff).toEqual([{ account_id: await accountIdOf(colleague.username), is_admin: true }]);
  });

  it('deletes once when asked twice at the same moment', async () => {
    const { member } = await memberWithHistory();
    const id = await accountIdOf(member.username);
    const answers = await Promise.all([1, 2].map(() => member.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: member.password })));
    // The second finds the account gone: by the row lock (401) or, coming later, its password no longer matching (400).
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses[0]).toBe(200);
    expect([400, 401]).toContain(statuses[1]);
    const announced = await ctx.db.selectFrom('events').select('payload').where('name', '=', 'account.changed').execute();
    expect(announced.filter((event) => (event.payload as { accountId: number }).accountId === id)).toHaveLength(1);
  });

  // PostgreSQL only: a second connection holds the account's row while the deletion, then a reply and a
  // flag, queue behind it; PGlite runs one transaction at a time, so nothing can wait there.
  it.runIf(onPostgres)('refuses a reply and a flag that waited for the account while it was being deleted', async () => {
    const { member, id, othersThread, answer } = await memberWithHistory();
    await ctx.db.deleteFrom('suspensions').where('account_id', '=', id).execute();
    const blocker = new pg.Client({ connectionString: ctx.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select id from accounts where id = $1 for update', [id]);
      const deleting = member.agent
        .post('/me/delete')
        .set('accept', JSON_ACCEPT)
        .send({ password: member.password })
        .then((response) => response);
      await expect.poll(waitingForLocks).toBe(1);
      const replying = member.agent
        .post(`/t/${othersThread.id}/replies`)
        .set('accept', JSON_ACCEPT)
        .send({ body: 'Racing reply' })
        .then((response) => response);
      const flagging = member.agent
        .post(`/p/${answer.id}/flag`)
        .set('accept', JSON_ACCEPT)
        .send({ reason: 'off-topic' })
        .then((response) => response);
      await expect.poll(waitingForLocks).toBe(3);
      await blocker.query('commit');
      const [deleted, replied, flagged] = await Promise.all([deleting, replying, flagging]);
      expect([deleted.status, replied.status, flagged.status]).toEqual([200, 403, 403]);
    } finally {
      await blocker.end();
    }
    expect(await ctx.db.selectFrom('posts').select('id').where('author_id', '=', id).where('body', '=', 'Racing reply').execute()).toEqual([]);
    expect(await ctx.db.selectFrom('flags').select('id').where('flagger_id', '=', id).execute()).toEqual([]);
  });

  it.runIf(onPostgres)('keeps a thread of its own that someone is replying to while it is deleted, with the reply', async () => {
    const { member, id, lonely } = await memberWithHistory();
    const colleagueId = await accountIdOf(colleague.username);
    const blocker = new pg.Client({ connectionString: ctx.databaseUrl });
    await blocker.connect();
    try {
      // The colleague's reply, written but not yet committed, holding its thread as replying does.
      await blocker.query('begin');
      await blocker.query('select id from threads where id = $1 for no key update', [lonely.id]);
      await blocker.query(
        `insert into posts (thread_id, parent_id, depth, top_level_number, author_id, body, html, lang)
         select $1, id, 1, 99, $2, 'Late but here', '<p>Late but here</p>', 'en' from posts where thread_id = $1 and parent_id is null`,
        [lonely.id, colleagueId],
      );
      const deleting = member.agent
        .post('/me/delete')
        .set('accept', JSON_ACCEPT)
        .send({ password: member.password, deletePosts: true })
        .then((response) => response);
      await expect.poll(waitingForLocks).toBe(1);
      await blocker.query('commit');
      expect((await deleting).status).toBe(200);
    } finally {
      await blocker.end();
    }
    expect(await ctx.db.selectFrom('threads').select('id').where('id', '=', lonely.id).execute()).toEqual([{ id: lonely.id }]);
    const posts = await ctx.db.selectFrom('posts').select(['author_id', 'body']).where('thread_id', '=', lonely.id).orderBy('id').execute();
    expect(posts).toEqual([
      { author_id: id, body: '' },
      { author_id: id, body: '' },
      { author_id: colleagueId, body: 'Late but here' },
    ]);
  });

  it('in a browser: a confirm page, then the home page with a notice, signed out', async () => {
    const { member } = await memberWithHistory();
    const page = await member.agent.get('/me/delete').set('accept', HTML).expect(200);
    expect(page.text).toContain('action="/me/delete"');
    expect(page.text).toContain('name="deletePosts"');
    const done = await member.agent.post('/me/delete').set('accept', HTML).set('accept-language', 'en').type('form').send({ password: member.password });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/');
    const home = await member.agent.get('/').set('accept', HTML).set('accept-language', 'en').expect(200);
    expect(home.text).toContain('Your account is deleted.');
    expect(home.text).toContain('href="/login');
  });

  it('keeps the forum’s last administrator: 403 saying why, and the form shown again', async () => {
    const refused = await admin.agent.post('/me/delete').set('accept', JSON_ACCEPT).set('accept-language', 'en').send({ password: admin.password });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('only administrator');
    const form = await admin.agent.post('/me/delete').set('accept', HTML).set('accept-language', 'en').type('form').send({ password: admin.password });
    expect(form.status).toBe(403);
    expect(form.text).toContain('only administrator');
    expect(form.text).toContain('action="/me/delete"');
    expect((await ctx.db.selectFrom('accounts').select('deleted_at').where('username', '=', admin.username).executeTakeFirstOrThrow()).deleted_at).toBeNull();
  });

  it('lets one of the last two administrators go when both delete at the same moment', async () => {
    const pair = [await signUp(ctx), await signUp(ctx)];
    await ctx.db.updateTable('accounts').set({ role: 'member' }).where('username', '=', admin.username).execute();
    await ctx.db
      .updateTable('accounts')
      .set({ role: 'admin' })
      .where(
        'username',
        'in',
        pair.map((one) => one.username),
      )
      .execute();
    try {
      const answers = await Promise.all(pair.map((one) => one.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: one.password })));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 403]);
    } finally {
      await ctx.db.updateTable('accounts').set({ role: 'admin' }).where('username', '=', admin.username).execute();
    }
  });

  it('asks a guest to sign in', async () => {
    expect((await guest(ctx).get('/me/delete').set('accept', JSON_ACCEPT)).status).toBe(401);
    expect((await guest(ctx).post('/me/delete').set('accept', JSON_ACCEPT).send({ password: 'whatever it is' })).status).toBe(401);
  });
  // Last: housekeeping a month ahead also ends every session that would have expired by then.
  it('holds the username for 30 days, then frees it for anyone', async () => {
    const { member, id } = await memberWithHistory();
    await member.agent.post('/me/delete').set('accept', JSON_ACCEPT).send({ password: member.password }).expect(200);
    const again = { username: member.username, displayName: 'Someone else', email: 'someone.else@example.test', password: 'correct horse battery' };
    const refused = await guest(ctx).post('/register').set('accept', JSON_ACCEPT).send(again);
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.fields)).toEqual(['username']);

    await ctx.app.housekeeping.runAll(new Date(Date.now() + 29 * 24 * 3_600_000));
    expect((await guest(ctx).post('/register').set('accept', JSON_ACCEPT).send(again)).status).toBe(400);

    await ctx.app.housekeeping.runAll(new Date(Date.now() + 31 * 24 * 3_600_000));
    const freed = await ctx.db.selectFrom('accounts').select(['username', 'username_key']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(freed).toEqual({ username: `~deleted-${id}`, username_key: `~deleted-${id}` });
    expect((await guest(ctx).post('/register').set('accept', JSON_ACCEPT).send(again)).status).toBe(201);
  });
});
