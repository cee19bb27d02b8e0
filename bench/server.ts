// The forum as the benchmark runs it: its own process, configured from the environment like
// src/server.ts, plus one bench-only route. run.ts forks this (compiled) and waits for its port.
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const config = loadConfig(process.env);
const app = await buildApp(config);

// The server's own view of its memory, for platforms without /proc.
app.get('/__bench/memory', async () => process.memoryUsage());

await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0, kind: app.database.kind });

process.on('SIGTERM', () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
