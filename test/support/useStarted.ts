// A server (test bot, connector stand-in, browser…) that a file or describe block starts before its tests and
// closes after them, used by the tests as if it were already there: the handle forwards to the started one.
// Replaces the `let x; beforeAll(start); afterAll(close)` lines each suite used to repeat.
import { afterAll, afterEach, beforeAll } from 'vitest';

export function useStarted<T extends { close(): Promise<void> }>(start: () => Promise<T>, options: { afterEachTest?: (started: T) => void; timeoutMs?: number } = {}): T {
  let started: T | undefined;
  const current = (): T => {
    if (!started) throw new Error('used before its beforeAll started it (or after a failed start)');
    return started;
  };
  beforeAll(async () => {
    started = await start();
  }, options.timeoutMs);
  if (options.afterEachTest) afterEach(() => void (started && options.afterEachTest!(started)));
  afterAll(() => started?.close());
  return new Proxy({} as T, {
    // Not a promise: `await handle` must not ask the server for `then`.
    get: (_, key) => (key === 'then' ? undefined : Reflect.get(current(), key)),
    set: (_, key, value) => Reflect.set(current(), key, value),
  });
}
