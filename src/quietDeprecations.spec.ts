import { describe, expect, it } from 'vitest';

describe('quiet deprecations', () => {
  it('drops restify’s DEP0111 as soon as the HTTP server module is loaded (tests start the bot without index.ts), and keeps other warnings', async () => {
    await import('./server/httpServer');
    const seen: string[] = [];
    const listener = (w: Error & { code?: string }) => seen.push(String(w.code));
    process.on('warning', listener);
    process.emitWarning("Access to process.binding('http_parser') is deprecated.", { code: 'DEP0111', type: 'DeprecationWarning' });
    process.emitWarning('another warning', { code: 'QUIET_DEPRECATIONS_SPEC', type: 'Warning' });
    // Node emits warnings on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', listener);
    expect(seen).toEqual(['QUIET_DEPRECATIONS_SPEC']);
  });
});
