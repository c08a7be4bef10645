/**
 * The reference for bench/fanout.ts: the stock y-websocket server (@y/websocket-server), with no
 * auth, no schema check and no persistence, on the same kind of HTTP + ws stack as Balcony.
 * Prints {"port": n} on stdout once it listens.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { getPersistence, setupWSConnection } from '@y/websocket-server/utils';

// The reference keeps documents in memory only; YPERSISTENCE would turn on its LevelDB store.
if (getPersistence() !== null) {
  process.stderr.write('unset YPERSISTENCE: the reference server must run without persistence\n');
  process.exit(1);
}

const http = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (conn, req) => setupWSConnection(conn, req));
http.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: (http.address() as AddressInfo).port }) + '\n');
});

// A clean exit on SIGTERM, so that --cpu-prof can write its profile.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
