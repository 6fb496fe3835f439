import { describe, expect, it } from 'vitest';
import { understand } from './understand';

const names = { apps: ['Zoom', 'Slack'] };

describe('an overview narrowed to one state', () => {
  it.each([
    ['which apps are paused?', 'paused'],
    ['are any apps stopped', 'paused'],
    ['is anything on hold', 'paused'],
    ['any apps disabled?', 'disabled'],
    ['list the apps that are turned off', 'disabled'],
    ['show me the provisioning jobs that never ran', 'never-run'],
    // "sitting" is no app of the tenant's, only a word the grammar took for one
    ['hey any apps sitting paused rn?', 'paused'],
  ])('%s → %s', (text, phase) => {
    expect(understand(text, names)).toEqual({ topic: 'not-started', appPhase: phase });
  });

  it.each([
    ['is zoom paused?', 'one app named: that app'],
    ['alert me when apps are paused', 'an alert subscription'],
    ['who paused slack', 'the history'],
    ['which users were disabled in apps this week', 'a list of people'],
    ['which apps are paused or disabled', 'two states: every app needing attention'],
    ['apps with disabled users', 'accounts, not a job\'s state'],
    ['which apps have disabled accounts', 'accounts, not a job\'s state'],
    ['which apps stopped syncing', 'broken, not paused'],
  ])('%s is not narrowed (%s)', (text) => {
    expect(understand(text, names)).not.toHaveProperty('appPhase');
  });

  it.each(['which apps stopped syncing?', 'what apps stopped working', 'any apps broken?', 'which of our apps are not syncing'])(
    '%s → every app needing attention',
    (text) => {
      expect(understand(text, names)).toEqual({ topic: 'status' });
    },
  );

  it('reads apps disabled this week as apps, not as the accounts they removed', () => {
    expect(understand('which apps were disabled this week', names)).toEqual({ topic: 'not-started', appPhase: 'disabled' });
    expect(understand('which users were disabled in apps this week', names)).toMatchObject({ topic: 'list', listOf: 'removed' });
  });
});
