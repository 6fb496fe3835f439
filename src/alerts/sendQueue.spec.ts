import { describe, expect, it } from 'vitest';
import { isRefusedUnprocessed, SendQueue, type SendQueueOptions } from './sendQueue';

/** A queue on a fake clock: sleeping advances time instantly and is recorded. */
function fakeQueue(options: SendQueueOptions = {}) {
  let t = 0;
  const sleeps: number[] = [];
  const queue = new SendQueue({
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    random: () => 0.5,
    ...options,
  });
  return { queue, sleeps, now: () => t };
}

const fail = (props: Record<string, unknown>) => Object.assign(new Error('send failed'), props);

describe('SendQueue', () => {
  it('retries 429/412/502/504 and network errors with growing, jittered backoff', async () => {
    const { queue, sleeps } = fakeQueue({ baseDelayMs: 1000 });
    const errors = [fail({ statusCode: 429 }), fail({ statusCode: 502 }), fail({ code: 'ECONNRESET' }), fail({ statusCode: 412 })];
    const result = await queue.run('c1', async () => {
      const error = errors.shift();
      if (error) throw error;
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(sleeps).toEqual([750, 1500, 3000, 6000]);
  });

  it('retries a send that is not idempotent only when Teams refused it unprocessed (412, 429)', async () => {
    const { queue } = fakeQueue();
    let calls = 0;
    const timeout = () =>
      queue.run(
        'c1',
        async () => {
          calls++;
          throw fail({ statusCode: 504 });
        },
        isRefusedUnprocessed,
      );
    await expect(timeout()).rejects.toMatchObject({ statusCode: 504 });
    expect(calls).toBe(1);
    const throttled = [fail({ statusCode: 429 })];
    const ok = await queue.run(
      'c1',
      async () => {
        const error = throttled.shift();
        if (error) throw error;
        return 'posted';
      },
      isRefusedUnprocessed,
    );
    expect(ok).toBe('posted');
  });

  it('honours Retry-After and gives up after the bounded attempts', async () => {
    const { queue, sleeps } = fakeQueue({ maxAttempts: 3 });
    let calls = 0;
    await expect(
      queue.run('c1', async () => {
        calls++;
        throw fail({ statusCode: 429, response: { headers: new Headers({ 'Retry-After': '7' }) } });
      }),
    ).rejects.toThrow('send failed');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([7000, 7000]);
  });

  it('does not retry an error that will not go away', async () => {
    const { queue } = fakeQueue();
    let calls = 0;
    const forbidden = fail({ statusCode: 403, code: 'MessageWritesBlocked' });
    await expect(queue.run('c1', async () => { calls++; throw forbidden; })).rejects.toBe(forbidden);
    expect(calls).toBe(1);
  });

  it("spaces one conversation's sends to 7 per second and 60 per 30 s, in order, leaving others alone", async () => {
    const { queue, now } = fakeQueue();
    const times: Array<[string, number, number]> = [];
    const sends = Array.from({ length: 70 }, (_, i) => queue.run('thread', async () => times.push(['thread', i, now()])));
    await queue.run('other', async () => times.push(['other', 0, now()]));
    await Promise.all(sends);
    const thread = times.filter(([c]) => c === 'thread');
    expect(thread.map(([, i]) => i)).toEqual(Array.from({ length: 70 }, (_, i) => i));
    for (let i = 7; i < thread.length; i++) expect(thread[i][2] - thread[i - 7][2]).toBeGreaterThanOrEqual(1000);
    for (let i = 60; i < thread.length; i++) expect(thread[i][2] - thread[i - 60][2]).toBeGreaterThanOrEqual(30_000);
    expect(times.find(([c]) => c === 'other')?.[2]).toBe(0);
  });
});
