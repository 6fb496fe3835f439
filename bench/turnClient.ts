// The clients of the turn figures, in a process of their own: latencies are timed where no Graph stand-in
// (the demo tenant's whole heap) and no other work can stall the timing, so a pause seen is the server's.
// Answers each message `{ url, text, turns, clients }` with the latencies of that many turns, sent by that
// many clients at once (1: one after the other), and the wall time they took.
import http from 'node:http';
import { activity } from './support';

// node:http on a keep-alive agent, not fetch: undici's fetch costs the client several times the CPU and the
// garbage per request, and a client pause is timed as the server's.
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function post(url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface Block {
  url: string;
  text: string;
  turns: number;
  clients: number;
}

export interface BlockResult {
  latencies: number[];
  ms: number;
}

async function run(block: Block): Promise<BlockResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: block.clients }, async () => {
      while (next < block.turns) {
        // Several users, so per-user state (conversation context, budgets) is exercised as in a chat.
        const i = next++;
        const t = performance.now();
        await post(block.url, JSON.stringify(activity(block.text, `29:bench-${i % 8}`)));
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, ms: performance.now() - started };
}

process.on('message', (message) => {
  if (message === 'exit') process.exit(0);
  run(message as Block).then(
    (result) => process.send!(result),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.send!({ ready: true });
