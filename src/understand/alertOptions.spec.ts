// Digest, per-app filter and detector requests read from alerts messages, end to end through `understand`.
import { describe, expect, it } from 'vitest';
import { understand } from './understand';

const alerts = (text: string) => {
  const intent = understand(text);
  return { topic: intent.topic, app: intent.app, ...intent.alerts };
};

describe('alert options', () => {
  it('reads a digest schedule, turning it off, and asking for it now', () => {
    expect(alerts('@Provisioning assistant digest daily at 9:00')).toEqual({ topic: 'alerts', app: undefined, action: 'digest', digest: { every: 'daily', at: '09:00' } });
    expect(alerts('weekly digest on monday at 8am')).toMatchObject({ action: 'digest', digest: { every: 'weekly', at: '08:00', weekday: 1 } });
    expect(alerts('digest weekly')).toMatchObject({ action: 'digest', digest: { every: 'weekly' } });
    expect(alerts('digest off')).toMatchObject({ action: 'digest', digest: { every: 'off' } });
    expect(alerts('digest now')).toMatchObject({ action: 'digest', digest: { every: 'now' } });
  });

  it('reads "only failures" for one app as a filter that turns its alerts on', () => {
    expect(alerts('alerts for Slack only failures')).toEqual({
      topic: 'alerts',
      app: 'Slack',
      action: 'on',
      only: ['failing', 'quarantine', 'deletions', 'disabled'],
    });
  });

  it('reads a detector switched on or off without taking it for an app', () => {
    expect(alerts('no slow cycle alerts')).toEqual({ topic: 'alerts', app: undefined, action: 'off', detector: 'slow-cycle' });
    expect(alerts('turn off alerts for stalled jobs')).toMatchObject({ app: undefined, action: 'off', detector: 'stalled' });
    expect(alerts('alerts on for slow cycles')).toMatchObject({ app: undefined, action: 'on', detector: 'slow-cycle' });
  });

  it('reads the hours of quiet after which a job counts as stalled', () => {
    expect(alerts('alert us when a job has no events for 12 hours')).toMatchObject({ action: 'on', detector: 'stalled', hours: 12 });
  });

  it('snoozes an app for a number of hours without taking the hours for its name', () => {
    expect(alerts('snooze Slack for 4 h')).toEqual({ topic: 'alerts', app: 'Slack', action: 'mute', hours: 4 });
  });
});
