// The floor for bench/live.ts: a bare `ws` server with nothing of the forum in it. It answers any
// client message with `subscribed` and, when the parent sends {type:'broadcast', message} over IPC,
// sends those bytes to every client. The same clients, on the same machine, timed the same way:
// what is left between this and the forum is the forum's own cost.
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 8 * 1024 });
wss.on('connection', (socket) => {
  socket.on('message', () => socket.send(JSON.stringify({ type: 'subscribed' })));
});
wss.on('listening', () => {
  const address = wss.address();
  process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});

process.on('message', (message: { type?: string; message?: string }) => {
  if (message.type !== 'broadcast' || message.message === undefined) return;
  const data = Buffer.from(message.message);
  for (const client of wss.clients) client.send(data, { binary: false });
});

// Its clients are the parent's, and go with it.
process.on('SIGTERM', () => process.exit(0));
