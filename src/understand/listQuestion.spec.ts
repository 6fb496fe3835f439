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
  ])('%s', (text, expected) => {
    // The window's start depends on the clock; its label and length do not.
    expect(understand(text)).toMatchObject(expected);
  });

  it('takes the app before "create" even where the tenant\'s names match only a part of it', () => {
    const names = { apps: ['GitHub Enterprise Cloud', 'Salesforce'] };
    expect(understand('how many users did GitHub create this week?', names)).toMatchObject({ topic: 'list', app: 'GitHub', listOf: 'created' });
    expect(understand('how many users did we create this week?', names)).not.toHaveProperty('app');
  });

  it('leaves a question about one person to the person, and lists who (without a window: the recent entries)', () => {
    expect(understand('why was jane skipped today?').topic).toBe('skipped');
    expect(understand('who was skipped in Salesforce?').topic).toBe('list');
  });
});
