// A client that trickles its body keeps a connection and a parser busy for as long as it likes (slowloris).
// Node's own requestTimeout is only checked every 30 s; this cuts each request whose body has not fully
// arrived within `ms` of its headers, exactly on time.
import type { Server } from 'node:http';

export function cutSlowRequests(server: Server, ms: number): void {
  server.on('request', (req) => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket.destroy(), ms);
    const done = () => clearTimeout(timer);
    req.once('end', done);
    req.once('close', done);
  });
}
