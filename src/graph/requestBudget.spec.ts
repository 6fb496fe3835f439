import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_CAP, RequestBudget, shareOf } from './requestBudget';
import { takeAllNow } from './requestBudget.spec-helper';

describe('shareOf: one instance’s part of Graph’s 5 per 10 s', () => {
  it.each([
    [1, 5, 10_000],
    [2, 2, 10_000],
    [3, 1, 10_000],
    [5, 1, 10_000],
    [6, 1, 12_000],
    [10, 1, 20_000],
  ])('%i instance(s): %i per %i ms each', (instances, limit, windowMs) => {
    expect(shareOf(5, 10_000, instances)).toEqual({ limit, windowMs });
  });

  it('never lets the instances together send more than the limit per window, on average', () => {
    for (let instances = 1; instances <= 40; instances++) {
      const share = shareOf(5, 10_000, instances);
      expect((instances * share.limit * 10_000) / share.windowMs).toBeLessThanOrEqual(5);
    }
  });
});

describe('RequestBudget shared by instances', () => {
  it('takes its share as the count changes: 2 with two instances, all 5 again alone', async () => {
    let now = 0;
    let instances = 2;
    const budget = new RequestBudget(5, 10_000, () => now, DEFAULT_QUEUE_CAP, () => instances);
    expect(await takeAllNow(budget)).toBe(2);
    now += 10_000;
    instances = 1;
    expect(await takeAllNow(budget)).toBe(5);
  });

  it('sent more than a shrunken share allows: waits for those requests to leave the window', async () => {
    let now = 0;
    let instances = 1;
    const budget = new RequestBudget(5, 10_000, () => now, DEFAULT_QUEUE_CAP, () => instances);
    for (let i = 0; i < 5; i++) {
      now = i * 1000;
      await budget.take();
    }
    instances = 2;
    now = 10_000; // the first request has left the window; four are still in it
    expect(await takeAllNow(budget)).toBe(0);
    now = 13_000; // four have left: one remains, so one more fits in a share of two
    expect(await takeAllNow(budget)).toBe(1);
  });

  it('past five instances sends one request per lengthened window (seven: one per 14 s)', async () => {
    let now = 0;
    const budget = new RequestBudget(5, 10_000, () => now, DEFAULT_QUEUE_CAP, () => 7);
    expect(await takeAllNow(budget)).toBe(1);
    now = 13_999;
    expect(await takeAllNow(budget)).toBe(0);
    now = 14_000;
    expect(await takeAllNow(budget)).toBe(1);
  });
});
