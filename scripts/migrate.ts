// npm run migrate: brings the configured database's schema up to date (the server also does this on start).
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';

const config = loadConfig();
// Without the request timeouts: a migration may run long.
const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const { results = [] } = await migrateToLatest(database.db);
  for (const result of results) console.log(`${result.status.toLowerCase()}: ${result.migrationName}`);
  console.log(results.length ? `${results.length} migration(s) applied on ${database.kind}` : `already up to date on ${database.kind}`);
} finally {
  await database.close();
}
