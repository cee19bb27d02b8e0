// The limit to compare with: Fastify serving a precomputed body, nothing else. run.ts forks this like
// the forum and gives it each measured page's own bytes and type, as the forum answered its probe. The
// body is kept as bytes, as a static file server keeps it: until 2026-12-01 it was a string, and Node 20
// writes a long string to a socket far slower than its bytes (1.5 times at 24–88 kB, 6 times at 140 kB).
// Until 2026-12-02 it was ASCII text of the page's size: the load generator (autocannon) decodes every
// response body into a string, which costs it about four times as much for the forum's UTF-8 text (å, ä,
// ö, æ, ø, —) as for ASCII, so the limit measured the generator on easier bytes, not the machine on the page.
import Fastify from 'fastify';

interface Prepare {
  type: 'prepare';
  key: string;
  /** The page's bytes, base64 (IPC messages are JSON). */
  body: string;
  contentType: string;
}

const bodies = new Map<string, { body: Buffer; contentType: string }>();
const app = Fastify({ logger: false });

function send(key: string, reply: import('fastify').FastifyReply) {
  const entry = bodies.get(key);
  if (!entry) return reply.code(404).send();
  return reply.type(entry.contentType).send(entry.body);
}

app.get<{ Params: { key: string } }>('/b/:key', async (request, reply) => send(request.params.key, reply));
// For the posting scenario: the body is read and parsed like the forum's, then the same answer.
app.post<{ Params: { key: string } }>('/b/:key', async (request, reply) => send(request.params.key, reply.code(201)));

process.on('message', (message: Prepare) => {
  bodies.set(message.key, { body: Buffer.from(message.body, 'base64'), contentType: message.contentType });
  process.send?.({ type: 'prepared', key: message.key });
});

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
