// npm run demo: fills an empty forum with a fictional destination, Skärvik, so there is something to
// browse (scripts/demo-forum.ts; the content is scripts/demo-content.ts). Refuses to touch a database
// that already has accounts, and (on the embedded database) a data folder a running server holds: run
// it before `npm start`, not beside it.
import { loadConfig, type Config } from '../src/config.js';
import { hasAnyAccount } from '../src/accounts/accounts.queries.js';
import { createDatabase, type Database } from '../src/db/connect.js';
import { DataDirInUseError } from '../src/db/data-dir-lock.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { DEMO_ACCOUNTS, DEMO_CONVENERS, DEMO_NETWORKS, DEMO_PASSWORD, DEMO_THREADS } from './demo-content.js';
import { fillDemoForum } from './demo-forum.js';

let config: Config;
let database: Database;
try {
  config = loadConfig();
  database = await createDatabase(config);
} catch (error) {
  if (error instanceof DataDirInUseError) {
    // The server holds the folder: writing beside it would be lost (or worse) when it stops.
    console.error(error.message);
    console.error('The demo fills an empty forum before it first starts: stop the server first, then run `npm run demo`, then `npm start`.');
    process.exit(1);
  }
  throw error;
}
const { db } = database;

try {
  await migrateToLatest(db);
  if (await hasAnyAccount(db)) {
    console.error('This database already has accounts; the demo only fills an empty forum. Nothing was changed.');
    process.exitCode = 1;
  } else {
    const { posts } = await fillDemoForum(db);
    console.log(
      `Demo forum ready on ${database.kind}: ${DEMO_NETWORKS.length} networks, ${DEMO_THREADS.length} threads and ${posts} posts from the past five weeks.`,
    );
    console.log(`Every account's password is "${DEMO_PASSWORD}". Sign in as:`);
    for (const account of DEMO_ACCOUNTS) {
      const convenes = Object.entries(DEMO_CONVENERS)
        .filter(([, usernames]) => usernames.includes(account.username))
        .map(([slug]) => slug);
      const role = account === DEMO_ACCOUNTS[0] ? ' (administrator)' : convenes.length ? ` (convener: ${convenes.join(', ')})` : '';
      console.log(`  ${account.username.padEnd(14)} ${account.displayName}${role}`);
    }
    console.log(`Now start the forum: npm start (then open ${config.publicUrl.href}).`);
  }
} finally {
  await database.close();
}
