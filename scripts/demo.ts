// npm run demo: fills an empty forum with a fictional destination, Skärvik, so there is something to
// browse. Refuses to touch a database that already has accounts.
import { loadConfig } from '../src/config.js';
import { register } from '../src/accounts/accounts.service.js';
import { hasAnyAccount } from '../src/accounts/accounts.queries.js';
import type { Viewer } from '../src/core/viewer.js';
import { createDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createNetwork } from '../src/networks/networks.service.js';
import { threadsService } from '../src/threads/threads.service.js';
import { DEMO_ACCOUNTS, DEMO_NETWORKS, DEMO_PASSWORD, DEMO_THREADS, type DemoReply } from './demo-content.js';

const config = loadConfig();
const database = await createDatabase(config);
const { db } = database;
try {
  await migrateToLatest(db);
  if (await hasAnyAccount(db)) {
    console.error('This database already has accounts; the demo only fills an empty forum. Nothing was changed.');
    process.exitCode = 1;
  } else {
    const viewers = new Map<string, Viewer>();
    for (const account of DEMO_ACCOUNTS) {
      const { account: created } = await register(db, { ...account, password: DEMO_PASSWORD }, { adminEmails: undefined });
      viewers.set(account.username, {
        id: created.id,
        username: created.username,
        displayName: created.display_name,
        role: created.role,
        locale: null,
        createdAt: created.created_at,
        convenes: [],
      });
    }
    const networks = new Map<string, { id: number }>();
    for (const network of DEMO_NETWORKS) {
      networks.set(network.slug, await createNetwork(db, network));
    }
    const service = threadsService({ db, postingLimits: false });
    const addReplies = async (threadId: number, parentId: number, replies: DemoReply[] = []) => {
      for (const reply of replies) {
        const { post } = await service.reply(viewers.get(reply.by)!, threadId, { body: reply.body, parentId });
        await addReplies(threadId, post.id, reply.replies);
      }
    };
    for (const thread of DEMO_THREADS) {
      const { threadId, post } = await service.createThread(viewers.get(thread.by)!, networks.get(thread.network)!, thread);
      await addReplies(threadId, post.id, thread.replies);
    }
    console.log(`Demo forum ready on ${database.kind}: ${DEMO_NETWORKS.length} networks, ${DEMO_THREADS.length} threads.`);
    console.log(`Every account's password is "${DEMO_PASSWORD}". Sign in as:`);
    for (const account of DEMO_ACCOUNTS)
      console.log(`  ${account.username.padEnd(14)} ${account.displayName}${account === DEMO_ACCOUNTS[0] ? ' (administrator)' : ''}`);
  }
} finally {
  await database.close();
}
