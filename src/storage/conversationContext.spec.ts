import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { CONTEXT_LIFETIME_MS, CONTEXT_REFRESH_MS, ConversationContexts } from './conversationContext';

describe('conversation context', () => {
  it('is kept per conversation and user, and forgotten after 30 minutes', async () => {
    let now = new Date('2026-01-01T10:00:00Z');
    const contexts = new ConversationContexts(new MemoryStorage(), () => now);
    await contexts.write('19:chat@thread.v2', 'ada', { topic: 'quarantine', app: { name: 'Dropbox Business' } });
    await contexts.write('19:chat@thread.v2', 'ben', { topic: 'status', app: { name: 'Box' } });
    expect((await contexts.read('19:chat@thread.v2', 'ada'))?.app?.name).toBe('Dropbox Business');
    expect((await contexts.read('19:chat@thread.v2', 'ben'))?.app?.name).toBe('Box');
    expect(await contexts.read('19:other@thread.v2', 'ada')).toBeUndefined();
    now = new Date(now.getTime() + CONTEXT_LIFETIME_MS - 1);
    expect(await contexts.read('19:chat@thread.v2', 'ada')).toBeDefined();
    now = new Date(now.getTime() + 1);
    expect(await contexts.read('19:chat@thread.v2', 'ada')).toBeUndefined();
  });

  it('skips rewriting an unchanged context within a minute, yet keeps it alive 30 minutes after the last question', async () => {
    let now = new Date('2026-01-01T10:00:00Z');
    const storage = new MemoryStorage();
    let writes = 0;
    const write = storage.write.bind(storage);
    storage.write = (changes) => ((writes += 1), write(changes));
    const contexts = new ConversationContexts(storage, () => now);
    const asked = { topic: 'skipped' as const, principal: { name: 'Dana' } };
    const ask = async (context: typeof asked | { topic: 'status'; principal: { name: string } }) => {
      const saved = await contexts.read('19:chat@thread.v2', 'ada');
      await contexts.write('19:chat@thread.v2', 'ada', context, saved);
    };
    await ask(asked);
    now = new Date(now.getTime() + CONTEXT_REFRESH_MS / 2);
    await ask(asked);
    expect(writes).toBe(1);
    await ask({ topic: 'status', principal: { name: 'Dana' } });
    expect(writes).toBe(2);
    now = new Date(now.getTime() + CONTEXT_REFRESH_MS);
    await ask({ topic: 'status', principal: { name: 'Dana' } });
    expect(writes).toBe(3);
    now = new Date(now.getTime() + CONTEXT_LIFETIME_MS - 1);
    expect((await contexts.read('19:chat@thread.v2', 'ada'))?.topic).toBe('status');
  });

  it('writes an unchanged context when an overlapping turn of the same admin wrote another since it was read', async () => {
    const now = new Date('2026-01-01T10:00:00Z');
    let clock = now.getTime();
    const contexts = new ConversationContexts(new MemoryStorage(), () => new Date(clock));
    const jane = { topic: 'skipped' as const, principal: { name: 'Jane' } };
    const omar = { topic: 'skipped' as const, principal: { name: 'Omar' } };
    await contexts.write('19:chat@thread.v2', 'ada', jane);
    clock += 1_000;
    // "why was jane skipped?" and "why was omar skipped?" sent back to back: both read Jane; Omar's answer
    // is written first, then Jane's answer arrives last and is what the next "fix it" must refer to.
    const readByFirst = await contexts.read('19:chat@thread.v2', 'ada');
    const readBySecond = await contexts.read('19:chat@thread.v2', 'ada');
    await contexts.write('19:chat@thread.v2', 'ada', omar, readBySecond);
    clock += 1_000;
    await contexts.write('19:chat@thread.v2', 'ada', jane, readByFirst);
    expect((await contexts.read('19:chat@thread.v2', 'ada'))?.principal?.name).toBe('Jane');
  });
});
