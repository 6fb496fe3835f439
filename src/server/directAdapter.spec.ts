import type { Activity, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { DirectTeamsAdapter } from './directAdapter';

describe('DirectTeamsAdapter', () => {
  it('runs a turn on the activity with its times as Dates and the strings kept, as CloudAdapter.process does', async () => {
    const adapter = new DirectTeamsAdapter({});
    let seen: Activity | undefined;
    const activity = {
      type: 'message',
      id: 'a1',
      text: 'help',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      timestamp: '2026-12-03T07:00:00.123Z',
      localTimestamp: '2026-12-03T08:00:00.123+01:00',
      deliveryMode: 'expectReplies',
      from: { id: '29:admin', name: 'Ada' },
      recipient: { id: '28:bot', name: 'Bot' },
      conversation: { id: 'c1' },
    } as unknown as Activity;
    const invoke = await adapter.runActivity('', activity, async (context: TurnContext) => {
      seen = context.activity;
      await context.sendActivity('hi');
    });
    expect(seen?.timestamp).toEqual(new Date('2026-12-03T07:00:00.123Z'));
    expect((seen as unknown as { rawTimestamp: string }).rawTimestamp).toBe('2026-12-03T07:00:00.123Z');
    expect((seen as unknown as { rawLocalTimestamp: string }).rawLocalTimestamp).toBe('2026-12-03T08:00:00.123+01:00');
    // expectReplies: the reply comes back in the invoke response, as the server sends it.
    expect(invoke?.status).toBe(200);
    expect(JSON.stringify(invoke?.body)).toContain('"text":"hi"');
  });
});
