import { describe, expect, it } from 'vitest';
import { understand } from './understand';
import { readWindow } from './window';

// A Wednesday, mid-morning UTC.
const NOW = new Date('2026-12-02T10:30:00Z');

describe('readWindow', () => {
  it('counts "last N hours/days" back from now', () => {
    expect(readWindow('what failed in the last 24 hours', NOW)).toEqual({ hours: 24, label: 'the last 24 hours' });
    expect(readWindow('skips over the past 3 days', NOW)).toEqual({ hours: 72, label: 'the last 3 days' });
    expect(readWindow('errors in the last hour', NOW)).toEqual({ hours: 1, label: 'the last hour' });
    expect(readWindow('last 48h', NOW)).toEqual({ hours: 48, label: 'the last 48 hours' });
    expect(readWindow('failures two days ago', NOW)).toEqual({ hours: 48, label: 'the last 2 days' });
  });

  it('anchors calendar words at midnight UTC', () => {
    expect(readWindow('who was skipped today', NOW)).toEqual({ since: '2026-12-02T00:00:00.000Z', label: 'today' });
    expect(readWindow('what failed yesterday', NOW)).toEqual({ since: '2026-12-01T00:00:00.000Z', hours: 24, label: 'yesterday' });
    expect(readWindow('errors this week', NOW)).toEqual({ since: '2026-11-30T00:00:00.000Z', label: 'this week' });
    expect(readWindow('failures since Monday', NOW)).toEqual({ since: '2026-11-30T00:00:00.000Z', label: 'since Monday' });
    expect(readWindow('failures since thu', NOW)).toEqual({ since: '2026-11-26T00:00:00.000Z', label: 'since Thursday' });
    expect(readWindow('since wednesday', NOW)?.since).toBe('2026-12-02T00:00:00.000Z');
  });

  it('reads the weekend as last Saturday and Sunday, or since Saturday on a weekend day', () => {
    expect(readWindow('what broke over the weekend', NOW)).toEqual({ since: '2026-11-28T00:00:00.000Z', hours: 48, label: 'over the weekend' });
    expect(readWindow('any failures this weekend', new Date('2026-12-06T15:00:00Z'))).toEqual({ since: '2026-12-05T00:00:00.000Z', label: 'over the weekend' });
  });

  it('names no window where the text names no time', () => {
    expect(readWindow('why was jane skipped in Slack', NOW)).toBeUndefined();
    expect(readWindow('mute Slack for 3 days', NOW)).toBeUndefined();
    expect(readWindow('is Slack still in its initial cycle', NOW)).toBeUndefined();
  });
});

describe('the window slot of an intent', () => {
  it('is set on questions over a time and never on alert mutes', () => {
    expect(understand('who was skipped in Slack this week', undefined, NOW)).toEqual({
      topic: 'list',
      app: 'Slack',
      listOf: 'skipped',
      window: { since: '2026-11-30T00:00:00.000Z', label: 'this week' },
    });
    expect(understand('what failed in the last 24 hours', undefined, NOW)).toMatchObject({ topic: 'list', window: { hours: 24, label: 'the last 24 hours' } });
    expect(understand('mute Slack alerts for the last 3 days', undefined, NOW).window).toBeUndefined();
  });

  it('reads a yes/no question about a cycle as status, a listing as a list', () => {
    expect(understand('did the Slack sync fail last night?', undefined, NOW).topic).toBe('status');
    expect(understand('show me provisioning errors this week', undefined, NOW).topic).toBe('list');
    expect(understand('no users are being provisioned to Slack', undefined, NOW).topic).toBe('skipped');
  });
});
