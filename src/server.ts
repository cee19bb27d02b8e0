// Starts the forum: loadConfig → buildApp → listen; closes cleanly on SIGTERM/SIGINT.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirInUseError } from './db/data-dir-lock.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

let app;
try {
  app = await buildApp(config);
} catch (error) {
  // Said plainly, without a stack: the person starting the server has something to do.
  if (error instanceof DataDirInUseError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing: finishing requests in flight');
    // app.close() stops accepting, waits for requests in flight, then runs onClose (the database).
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'close failed');
        process.exit(1);
      },
    );
  });
}

// One address in the log, the one to open: Fastify's own line ("Server listening at http://127.0.0.1:3000")
// named the bound address first, and a form sent from there was refused when PUBLIC_URL said localhost.
// Fastify logs one line per address it listens on (several with HOST=0.0.0.0); the first says where the
// forum is, the others only that it is reachable there too.
let listenLines = 0;
await app.listen({
  port: config.port,
  host: config.host,
  listenTextResolver: (address) =>
    listenLines++ === 0 ? `${config.forumName} is up at ${config.publicUrl.href} on ${app.database.kind}` : `(also accepting connections at ${address})`,
});
