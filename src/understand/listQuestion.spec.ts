import { describe, expect, it } from 'vitest';
import { understand } from './understand';

describe('lists over a time window', () => {
  it.each([
    ['who was skipped in Salesforce today', { topic: 'list', app: 'Salesforce', listOf: 'skipped', window: { label: 'today' } }],
    ['what failed in Slack in the last 24 hours?', { topic: 'list', app: 'Slack', listOf: 'failure', window: { hours: 24 } }],
    ['show me provisioning errors this week', { topic: 'list', listOf: 'failure', window: { label: 'this week' } }],
    ['how many users did Atlassian create yesterday', { topic: 'list', app: 'Atlassian', listOf: 'created', window: { label: 'yesterday' } }],
    ['any failures or skips in zoom over the past 3 days', { topic: 'list', app: 'zoom', listOf: 'problems', window: { hours: 72 } }],
    ['list problems in the last hour', { topic: 'list', listOf: 'problems', window: { hours: 1 } }],
    ['who got deprovisioned in Zoom this week', { topic: 'list', app: 'Zoom', listOf: 'removed', window: { label: 'this week' } }],
    ['was anyone removed from slack today?', { topic: 'list', app: 'slack', listOf: 'removed', window: { label: 'today' } }],
    ['which accounts were disabled in the last 7 days', { topic: 'list', listOf: 'removed', window: { hours: 168 } }],
  ])('%s', (text, expected) => {
    // The window's start depends on the clock; its label and length do not.
    expect(understand(text)).toMatchObject(expected);
  });

  it('takes the app before "create" even where the tenant\'s names match only a part of it', () => {
    const names = { apps: ['GitHub Enterprise Cloud', 'Salesforce'] };
    expect(understand('how many users did GitHub create this week?', names)).toMatchObject({ topic: 'list', app: 'GitHub Enterprise Cloud', listOf: 'created' });
    expect(understand('how many users did we create this week?', names)).not.toHaveProperty('app');
  });

  it('leaves a question about one person to the person, and lists who (without a window: the recent entries)', () => {
    expect(understand('why was jane skipped today?').topic).toBe('skipped');
    expect(understand('why was jane deprovisioned from Zoom today?').topic).toBe('deprovisioning');
    // Passive: the people removed; active: who removed something (the app's history).
    expect(understand('who was removed from Zoom?')).toMatchObject({ topic: 'list', listOf: 'removed', app: 'Zoom' });
    expect(understand('who removed the scoping filter in Zoom?').topic).toBe('history');
    expect(understand('who was skipped in Salesforce?').topic).toBe('list');
    // Disabled at the source and still in the app: leavers the app kept, not accounts it removed.
    expect(understand('who was disabled in entra but still active in zendesk this week?', { apps: ['Zendesk'] })).toMatchObject({ topic: 'deprovisioning', app: 'Zendesk' });
    expect(understand('which users were deleted in AD but still have Slack this month')).toMatchObject({ topic: 'deprovisioning' });
  });
});
