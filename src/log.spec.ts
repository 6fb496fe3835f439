import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, lazyChild } from './log';

function captured() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  return { lines, logger: createLogger({ level: 'debug', destination }) };
}

describe('lazyChild', () => {
  it('logs with its bindings, through the parent’s redaction, like a pino child', () => {
    const { lines, logger } = captured();
    const child = lazyChild(logger, { conversation: 'a:1', activity: 'x' });
    child.warn({ headers: { authorization: 'Bearer abc.def.ghi' } }, 'question could not be answered with Bearer abcdef');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ conversation: 'a:1', activity: 'x', msg: 'question could not be answered with Bearer [redacted]' });
    expect(JSON.stringify(lines[0])).not.toContain('abc.def.ghi');
    expect(child.isLevelEnabled('debug')).toBe(true);
    expect(child.child({ step: 'two' }).bindings()).toMatchObject({ conversation: 'a:1', step: 'two' });
  });
});
