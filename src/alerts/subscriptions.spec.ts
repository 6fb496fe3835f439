import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStorage, type ConversationReference } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { FileStorage } from '../storage/fileStorage';
import { Subscriptions, watches } from './subscriptions';

const SF = { spId: 'ce75f089-568f-5096-b671-36b69e8c3413', name: 'Salesforce' };
const SLACK = { spId: 'f54fbc05-1857-5cd1-a0fc-94cf21c69a87', name: 'Slack' };
const ref = (id: string): Partial<ConversationReference> => ({ conversation: { id, isGroup: true, conversationType: 'channel', name: id }, serviceUrl: 'https://smba.example/' });

describe('Subscriptions', () => {
  it('keeps an installed conversation with nothing watched until alerts are turned on', async () => {
    const subs = new Subscriptions(new MemoryStorage());
    await subs.rememberConversation(ref('19:a@thread.tacv2'));
    expect(await subs.list()).toMatchObject([{ conversationId: '19:a@thread.tacv2', scope: 'none' }]);
    const on = await subs.subscribe(ref('19:a@thread.tacv2'), SF, 'Ada');
    expect(on).toMatchObject({ scope: { spIds: [SF.spId], names: ['Salesforce'] }, createdBy: 'Ada' });
    expect(await subs.subscribe(ref('19:a@thread.tacv2'), 'all')).toMatchObject({ scope: 'all' });
    expect((await subs.subscribe(ref('19:a@thread.tacv2'), SLACK)).scope).toBe('all');
  });

  it('stops watching one app, then everything, keeping the reference', async () => {
    const subs = new Subscriptions(new MemoryStorage());
    await subs.subscribe(ref('c1'), SF);
    await subs.subscribe(ref('c1'), SLACK);
    expect((await subs.unsubscribe('c1', SF.spId)).subscription?.scope).toEqual({ spIds: [SLACK.spId], names: ['Slack'] });
    expect(await subs.unsubscribe('c1')).toMatchObject({ changed: true, subscription: { scope: 'none' } });
    expect(await subs.unsubscribe('c1')).toMatchObject({ changed: false });
    expect(await subs.unsubscribe('unknown')).toEqual({ changed: false });
    expect((await subs.get('c1'))?.reference.serviceUrl).toBe('https://smba.example/');
  });

  it('mutes one app until a time', async () => {
    const now = new Date('2024-05-01T10:00:00Z');
    const subs = new Subscriptions(new MemoryStorage(), { now: () => now });
    await subs.subscribe(ref('c1'), 'all');
    const muted = await subs.mute('c1', SF.spId, new Date('2024-05-02T10:00:00Z'));
    expect(watches(muted!, SF.spId, now)).toBe(false);
    expect(watches(muted!, SLACK.spId, now)).toBe(true);
    expect(watches(muted!, SF.spId, new Date('2024-05-02T10:00:01Z'))).toBe(true);
    expect(await subs.mute('unknown', SF.spId, new Date())).toBeUndefined();
  });

  it('forgets a conversation and rejects a reference without a conversation id', async () => {
    const subs = new Subscriptions(new MemoryStorage());
    await subs.subscribe(ref('c1'), 'all');
    await subs.subscribe(ref('c2'), SF);
    expect(await subs.forget('c1')).toBe(true);
    expect((await subs.list()).map((s) => s.conversationId)).toEqual(['c2']);
    expect(await subs.get('c1')).toBeUndefined();
    expect(await subs.forget('c1')).toBe(false);
    await expect(subs.subscribe({}, 'all')).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('keeps every conversation subscribed by two instances at once, and across a restart', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'subs-'));
    try {
      const a = new Subscriptions(new FileStorage(dir));
      const b = new Subscriptions(new FileStorage(dir));
      await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).subscribe(ref(`c${i}`), 'all')));
      const restarted = new Subscriptions(new FileStorage(dir));
      expect((await restarted.list()).map((s) => s.conversationId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`).sort());
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
