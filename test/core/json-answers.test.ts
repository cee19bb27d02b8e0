// Every JSON answer is built field by field, never spread from a database row: a column added
// tomorrow must not reach scripts by itself. These are the fields of the main answers, every one of
// them; a new field fails here until it is added on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

/**
 * Every path to a value in the answer ("threads[].author.username"), sorted. An array's elements count
 * together, and a field that is null in one and an object in another counts as the object's fields.
 */
function fieldsOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${path}[]`];
    const fields = new Set(value.flatMap((element) => fieldsOf(element, `${path}[]`)));
    return [...fields].filter((field) => ![...fields].some((other) => other.startsWith(`${field}.`))).sort();
  }
  if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    return Object.entries(value)
      .flatMap(([name, inner]) => fieldsOf(inner, path ? `${path}.${name}` : name))
      .sort();
  }
  return [path];
}

describe('JSON answers', () => {
  let ctx: TestContext;
  let admin: Member;
  let member: Member;
  let threadId: number;
  let replyId: number;

  const get = async (agent: Member, path: string) => {
    const response = await agent.agent.get(path).set('accept', JSON_ACCEPT);
    expect(response.status, path).toBe(200);
    return response.body as unknown;
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    member = await signUp(ctx, { username: 'answers_member' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiske' });
    await admin.agent
      .post('/n/fiske/rules')
      .set('accept', JSON_ACCEPT)
      .send({ title: ['Stay on topic'], body: ['Fishing only'] })
      .expect(200);
    await member.agent.post('/n/fiske/follow').set('accept', JSON_ACCEPT).send({}).expect(200);
    // A thread that moved, with a reply (hidden, so the log names it) and a reply to the member.
    const thread = await startThread(member.agent, 'kajak', { title: 'Pike on the kayak board' });
    threadId = thread.id;
    await admin.agent.post(`/t/${threadId}/move`).set('accept', JSON_ACCEPT).send({ network: 'fiske', note: 'Fishing' }).expect(200);
    replyId = (await reply(admin.agent, threadId, 'Try spoons')).id;
    await admin.agent.post(`/p/${replyId}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
    const plain = await reply(admin.agent, threadId, 'And a plain answer');
    await member.agent.post(`/p/${plain.id}/flag`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(201);
    await ctx.app.notifications.runWorker();
  });
  afterAll(() => ctx.close());

  const POST = [
    'author.displayName',
    'author.username',
    'createdAt',
    'deleted',
    'depth',
    'editedAt',
    'hidden.by',
    'hidden.reason',
    'hidden.rule',
    'html',
    'id',
    'parentId',
    'thanks',
    'threadId',
  ];
  /** A thread as moderation answers it (lock, pin, move); the thread page adds its paging and posts. */
  const MODERATED_THREAD = [
    'id',
    'locked',
    'moved.at',
    'moved.from.name',
    'moved.from.slug',
    'moved.note',
    'network.name',
    'network.slug',
    'pinned',
    'slug',
    'title',
  ];
  const prefixed = (prefix: string, fields: string[]) => fields.map((field) => `${prefix}${field}`);

  it('of the home page and a board', async () => {
    // The member belongs to no network yet: their lists are empty.
    expect(fieldsOf(await get(member, '/'))).toEqual([
      'forum',
      'latest[]',
      'needsReply[]',
      ...prefixed('networks[].', [
        'audience',
        'createdAt',
        'description',
        'descriptionHtml',
        'isDefault',
        'lastActivityAt',
        'name',
        'posting',
        'slug',
        'summary',
        'threadCount',
      ]),
      'upcomingMeetings[]',
      'yourNetworks[]',
    ]);
    expect(fieldsOf(await get(member, '/n/fiske'))).toEqual([
      ...prefixed('network.', [
        'audience',
        'createdAt',
        'description',
        'descriptionHtml',
        'isDefault',
        'lastActivityAt',
        'name',
        'posting',
        'slug',
        'summary',
        'threadCount',
      ]),
      'nextCursor',
      ...prefixed('threads[].', [
        'answered',
        'author.displayName',
        'author.username',
        'createdAt',
        'id',
        'kind',
        'lastActivityAt',
        'lastPoster.displayName',
        'lastPoster.username',
        'locked',
        'openingHidden',
        'pinned',
        'readFrom',
        'replyCount',
        'slug',
        'title',
        'titleHidden',
        'unread',
      ]),
    ]);
  });

  it('of a thread, its reply form and its moderation', async () => {
    expect(fieldsOf(await get(member, `/t/${threadId}`))).toEqual(
      [...MODERATED_THREAD, 'answer', 'kind', 'page', 'pages', 'part', 'parts', ...prefixed('posts[].', POST), 'replyCount', 'titleHidden'].sort(),
    );
    expect(fieldsOf(await get(member, `/t/${threadId}/reply?to=${replyId}`))).toEqual([
      ...prefixed('parent.', POST),
      'rules[].number',
      'rules[].title',
      ...prefixed('thread.', ['id', 'locked', 'network.name', 'network.slug', 'slug', 'title', 'titleHidden']),
    ]);
    expect(fieldsOf(await get(admin, `/t/${threadId}/move`))).toEqual(
      [
        ...prefixed('thread.', ['id', 'network.name', 'network.slug', 'title']),
        'tools.moveTargets[].name',
        'tools.moveTargets[].slug',
        'values',
        'errors',
      ].sort(),
    );
    const locked = await admin.agent.post(`/t/${threadId}/lock`).set('accept', JSON_ACCEPT);
    expect(fieldsOf(locked.body)).toEqual(MODERATED_THREAD);
    await admin.agent.post(`/t/${threadId}/unlock`).set('accept', JSON_ACCEPT).expect(200);
  });

  it('of the forms to start a thread, edit a post and edit a network', async () => {
    expect(fieldsOf(await get(member, '/n/fiske/new'))).toEqual(['network.name', 'network.slug', 'rules[].number', 'rules[].title']);
    const opening = (await get(member, `/t/${threadId}`)) as { posts: Array<{ id: number }> };
    expect(fieldsOf(await get(member, `/p/${opening.posts[0]!.id}/edit`))).toEqual([
      'isOpening',
      'post.id',
      'post.threadId',
      ...prefixed('thread.', ['id', 'slug', 'title', 'titleHidden']),
      'values.body',
      'values.title',
    ]);
    expect(fieldsOf(await get(admin, '/n/fiske/edit'))).toEqual(
      prefixed('network.', [
        'audience',
        'createdAt',
        'description',
        'descriptionHtml',
        'isDefault',
        'lastActivityAt',
        'name',
        'posting',
        'slug',
        'summary',
        'threadCount',
      ]),
    );
  });

  it('of /following, /notifications, the moderation log and the review queue', async () => {
    expect(fieldsOf(await get(member, '/following'))).toEqual([
      'networks[].level',
      'networks[].name',
      'networks[].slug',
      'nextCursor',
      ...prefixed('threads[].', [
        'author.displayName',
        'id',
        'lastActivityAt',
        'lastPoster.displayName',
        'network.name',
        'network.slug',
        'replyCount',
        'slug',
        'title',
        'unread',
      ]),
    ]);
    expect(fieldsOf(await get(member, '/notifications'))).toEqual([
      'convenerInvitations[]',
      'invitations[]',
      'nextCursor',
      ...prefixed('notifications[].', [
        'actor.displayName',
        'actor.username',
        'count',
        'createdAt',
        'href',
        'html',
        'id',
        'ids[]',
        'kind',
        'network.name',
        'network.slug',
        'post.excerpt',
        'post.id',
        'reason.note',
        'reason.text',
        'text',
        'thread.id',
        'thread.slug',
        'thread.title',
        'unread',
      ]),
      'proposalNotices[]',
      'unread',
    ]);
    expect(fieldsOf(await get(admin, '/n/fiske/log'))).toEqual([
      ...prefixed('entries[].', [
        'account.displayName',
        'account.username',
        'action',
        'actor.displayName',
        'actor.username',
        'at',
        'byCommunity',
        'id',
        'movedTo',
        'note',
        'post.html',
        'post.id',
        'reason',
        'rule',
        'thread.id',
        'thread.slug',
        'thread.title',
        'thread.titleHidden',
        'until',
      ]),
      'network.name',
      'network.slug',
      'nextCursor',
    ]);
    expect(fieldsOf(await get(admin, '/n/fiske/review'))).toEqual(
      [
        'network.name',
        'network.slug',
        'nextCursor',
        ...prefixed('posts[].', [
          'countedFlags',
          ...prefixed('flags[].', ['counts', 'createdAt', 'flagger.displayName', 'flagger.username', 'note', 'reason', 'rule']),
          'latestFlagAt',
          'network.name',
          'network.slug',
          'openFlags',
          // The flagged post is not hidden: its `hidden` is null.
          ...prefixed('post.', [...POST.filter((field) => !field.startsWith('hidden.')), 'hidden']),
          'suggested.reason',
          'suggested.rule',
          'thread.id',
          'thread.slug',
          'thread.title',
        ]),
        'threshold.set',
        'threshold.value',
      ].sort(),
    );
  });

  it('of the business directory, a business and an invitation to its staff', async () => {
    await admin.agent
      .post('/b/new')
      .set('accept', JSON_ACCEPT)
      .send({ name: 'Kajakboden', networks: ['kajak'] })
      .expect(201);
    await admin.agent.post('/b/kajakboden/invitations').set('accept', JSON_ACCEPT).send({ username: member.username, role: 'guide' }).expect(200);
    const networks = ['networks[].name', 'networks[].slug'];
    expect(fieldsOf(await get(member, '/b'))).toEqual([...prefixed('businesses[].', ['name', ...networks, 'place', 'slug', 'staffCount']), 'nextPage', 'page']);
    expect(fieldsOf(await get(member, '/b/kajakboden'))).toEqual(
      [
        'createdAt',
        'description',
        'descriptionHtml',
        'name',
        ...networks,
        'place',
        'slug',
        ...prefixed('staff[].', ['displayName', 'isAdmin', 'role', 'username']),
        'website',
      ].sort(),
    );
    const invitations = fieldsOf(await get(member, '/notifications')).filter((field) => field.startsWith('invitations'));
    expect(invitations).toEqual(
      prefixed('invitations[].', ['business.name', 'business.slug', 'createdAt', 'invitedBy.displayName', 'invitedBy.username', 'role']),
    );
  });

  it('of a person’s page (phone and email only when shown, so absent here)', async () => {
    expect(fieldsOf(await get(admin, '/u/answers_member'))).toEqual(
      [
        'avatar.colour',
        'avatar.initials',
        'businesses[]',
        'convenes[]',
        'displayName',
        ...prefixed('follows[].', ['name', 'slug']),
        'memberOf[]',
        'memberSince',
        'presentation',
        'presentationHtml',
        'recognition.answers',
        'recognition.thanks',
        'replies[]',
        ...prefixed('threads[].', ['createdAt', 'excerpt', 'id', 'thread.id', 'thread.slug', 'thread.title']),
        'username',
        'website',
      ].sort(),
    );
  });

  it('of /me and of the member’s data export', async () => {
    expect(fieldsOf(await get(member, '/me'))).toEqual(['displayName', 'emailNotifications', 'locale', 'role', 'username']);
    expect(fieldsOf(await get(member, '/me/export'))).toEqual(
      [
        ...prefixed('account.', ['createdAt', 'displayName', 'email', 'emailConfirmedAt', 'locale', 'role', 'username']),
        'businesses[]',
        'emailNotifications',
        'exportedAt',
        ...prefixed('flags[].', ['createdAt', 'note', 'postId', 'reason', 'resolution', 'rule']),
        ...prefixed('follows[].', ['level', 'network', 'since']),
        'forum',
        ...prefixed('posts[].', ['body', 'createdAt', 'deleted', 'editedAt', 'hidden', 'id', 'network', 'parentId', 'revisions[]', 'threadId', 'threadTitle']),
        'meetingAnswers[]',
        'profile',
        'proposals[]',
        ...prefixed('reads[].', ['at', 'readUpToPostId', 'threadId']),
        'thanks[]',
        ...prefixed('watches[].', ['since', 'state', 'threadId']),
        'wouldJoin[]',
      ].sort(),
    );
  });
});
