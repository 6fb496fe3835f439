import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { CONTEXT_LIFETIME_MS, ConversationContexts } from './conversationContext';

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
});
