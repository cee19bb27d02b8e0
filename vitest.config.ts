import { defineConfig } from 'vitest/config';

// The suite runs once on PGlite and, when TEST_DATABASE_URL points at a PostgreSQL server, again on it.
const projects = [{ extends: true as const, test: { name: 'pglite', env: { TEST_DB: 'pglite' } } }];
if (process.env.TEST_DATABASE_URL) {
  projects.push({ extends: true as const, test: { name: 'postgres', env: { TEST_DB: 'postgres' } } });
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    projects,
    pool: 'forks',
    // A worker runs its files one after another in one module graph, so it imports the app once and
    // reuses its databases (test/helpers/context.ts empties them between files).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
