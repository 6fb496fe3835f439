// The clients of the turn figures, in a process of their own: latencies are timed where no Graph stand-in
// (the demo tenant's whole heap) and no other work can stall the timing, so a pause seen is the server's.
// Answers each message `{ url, text, turns, clients }` with the latencies of that many turns, sent by that
// many clients at once (1: one after the other), and the wall time they took.
import { activity, send } from './support';

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
        await send(block.url, activity(block.text, `29:bench-${i % 8}`));
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
