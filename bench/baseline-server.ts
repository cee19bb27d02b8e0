// The limit to compare with: Fastify serving a precomputed string, nothing else. run.ts forks this
// like the forum and asks it for a body of each measured page's size and type.
import Fastify from 'fastify';

interface Prepare {
  type: 'prepare';
  key: string;
  bytes: number;
  contentType: string;
}

const bodies = new Map<string, { body: string; contentType: string }>();
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
  // ASCII, so the byte size is the length; varied, so it is not one repeated character.
  const unit = '<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n';
  bodies.set(message.key, { body: unit.repeat(Math.ceil(message.bytes / unit.length)).slice(0, message.bytes), contentType: message.contentType });
  process.send?.({ type: 'prepared', key: message.key });
});

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
