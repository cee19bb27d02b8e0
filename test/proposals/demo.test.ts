// The demo forum's proposal: Matnätverket, proposed two days ago by Nora Lind with three colleagues who
// would join, waits in the administrator's notifications; approving it makes them members with Nora
// convening — the story, ready to try after `npm run demo`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PROPOSALS } from '../../scripts/demo-content.js';
import { fillDemoForum } from '../../scripts/demo-forum.js';
import { JSON_ACCEPT, guest, type Agent } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

const DAY = 24 * 60 * 60 * 1000;

describe('the demo forum’s proposal', () => {
  let ctx: TestContext;
  let admin: Agent;
  const now = Date.now();

  beforeAll(async () => {
    ctx = await createTestContext({ DEFAULT_LOCALE: 'en' });
    await fillDemoForum(ctx.db, now);
    admin = guest(ctx);
    await admin.post('/login').set('accept', JSON_ACCEPT).send({ login: 'skarvik_turism', password: DEMO_PASSWORD }).expect(200);
  }, 120_000);
  afterAll(() => ctx.close());

  it('waits for the administrator, two days old, with the colleagues who would join', async () => {
    const [demo] = DEMO_PROPOSALS;
    const list = await guest(ctx).get('/networks/proposals').set('accept', JSON_ACCEPT).expect(200);
    expect(list.body.open).toHaveLength(1);
    const proposal = list.body.open[0] as { id: number; name: string; supporters: number; createdAt: string };
    expect(proposal).toMatchObject({ name: demo!.name, supporters: demo!.supporters.length });
    expect(now - new Date(proposal.createdAt).getTime()).toBeGreaterThan(DAY);
    const notifications = await admin.get('/notifications').set('accept', JSON_ACCEPT).expect(200);
    expect(notifications.body.proposalNotices).toMatchObject([{ kind: 'proposed', unread: true, proposal: { id: proposal.id } }]);

    await admin.post(`/networks/proposals/${proposal.id}/approve`).set('accept', JSON_ACCEPT).expect(200);
    const members = await guest(ctx).get(`/n/${demo!.slug}/members`).set('accept', JSON_ACCEPT).expect(200);
    const usernames = (members.body.members as Array<{ username: string; convener: boolean }>).map((member) => member.username).sort();
    expect(usernames).toEqual([demo!.by, ...demo!.supporters].sort());
    expect((members.body.members as Array<{ username: string; convener: boolean }>).filter((member) => member.convener).map((m) => m.username)).toEqual([
      demo!.by,
    ]);
  });
});
