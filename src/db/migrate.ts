// Migrations run on Kysely<any> (Kysely's own advice): they are frozen in time, the app's schema types move on.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { setTimeout as delay } from 'node:timers/promises';
import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { isDatabaseUnavailable } from './availability.js';
import { migrations } from '../../migrations/index.js';

export function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Brings the schema up to date; throws with the failing migration's name and error. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const result = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${result.error instanceof Error ? result.error.message : JSON.stringify(result.error)}`, {
      cause: result.error,
    });
  }
  return result;
}

const FIRST_WAIT_MS = 500;
const LONGEST_WAIT_MS = 15_000;

/**
 * Migrates as soon as the database answers: a server started before its database (a reboot, a
 * container starting first) waits with backoff and says so, instead of exiting. Any other failure
 * (a migration that is wrong) is thrown at once.
 */
export async function migrateWhenReachable(db: Kysely<any>, log: { warn(object: object, message: string): void }): Promise<void> {
  for (let waitMs = FIRST_WAIT_MS; ; waitMs = Math.min(waitMs * 2, LONGEST_WAIT_MS)) {
    try {
      await migrateToLatest(db);
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      log.warn({ cause: String((error as Error).cause ?? error), retryInMs: waitMs }, 'the database is not reachable yet; waiting for it');
      await delay(waitMs);
    }
  }
}
