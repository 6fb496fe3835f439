import { describe, expect, it } from 'vitest';
import { applyContext, type ConversationContext } from './context';
import { understand } from './understand';

const apps = { apps: ['Dropbox Business', 'Box', 'Zendesk'] };
const at = '2026-01-01T10:00:00Z';
const skippedInZendesk: ConversationContext = {
  at,
  topic: 'skipped',
  principal: { name: 'Kenji Watanabe', kind: 'user', id: 'u1' },
  app: { name: 'Zendesk', spId: 's1', jobId: 'j1' },
  fix: { verb: 'reassignUser', data: { spId: 's1', jobId: 'j1', userId: 'u1' } },
  others: [{ principal: { name: 'Kenji Sato', kind: 'user', id: 'u2' } }],
};

describe('follow-ups with the conversation context', () => {
  it('asks the same question about another app, or another person in the same app', () => {
    expect(applyContext(understand('and in Box?', apps), skippedInZendesk)).toMatchObject({
      kind: 'ask',
      intent: { topic: 'skipped', app: 'Box', principal: 'Kenji Watanabe' },
      principal: { id: 'u1' },
    });
    expect(applyContext(understand('what about olga?', apps), skippedInZendesk)).toMatchObject({
      kind: 'ask',
      intent: { topic: 'skipped', principal: 'olga' },
      app: { spId: 's1' },
    });
  });

  it('reads an app name alone, a person topic without a person, and a new time window as follow-ups', () => {
    // "Box?" after a question about Kenji in Zendesk: Kenji in Box.
    expect(applyContext(understand('Box?', apps), skippedInZendesk)).toMatchObject({ kind: 'ask', intent: { topic: 'skipped', app: 'Box', principal: 'Kenji Watanabe' }, principal: { id: 'u1' } });
    // With nothing before, it is the app's status.
    expect(applyContext(understand('Box?', apps), undefined)).toMatchObject({ kind: 'ask', intent: { topic: 'status', app: 'Box' } });
    expect(applyContext(understand('why disabled not deleted', apps), skippedInZendesk)).toMatchObject({
      kind: 'ask',
      intent: { topic: 'deprovisioning', principal: 'Kenji Watanabe', app: 'Zendesk' },
      principal: { id: 'u1' },
    });
    // "why was he created in Box?", "is he removed from Box?": Kenji, in Box.
    expect(applyContext(understand('why was he created in Box?', apps), skippedInZendesk)).toMatchObject({ kind: 'ask', intent: { topic: 'skipped', app: 'Box', principal: 'Kenji Watanabe' } });
    expect(applyContext(understand('is he removed from Box?', apps), skippedInZendesk)).toMatchObject({ kind: 'ask', intent: { topic: 'deprovisioning', app: 'Box', principal: 'Kenji Watanabe' } });
    expect(applyContext(understand('how long will it take?', apps), skippedInZendesk)).toMatchObject({ kind: 'ask', intent: { topic: 'not-started', app: 'Zendesk' } });
    // "is he in Box?": Kenji, in Box.
    expect(applyContext(understand('is he in Box?', apps), skippedInZendesk)).toMatchObject({ kind: 'ask', intent: { topic: 'skipped', app: 'Box', principal: 'Kenji Watanabe' } });
    // A question about deprovisioning in general stays general; "is slack down?" is Slack's state.
    expect(applyContext(understand('deprovisioning settings', apps), skippedInZendesk)).not.toMatchObject({ intent: { principal: 'Kenji Watanabe' } });
    expect(applyContext(understand('is box down?', apps), skippedInZendesk)).toMatchObject({ kind: 'ask', intent: { topic: 'status', app: 'Box' } });
    expect(applyContext(understand('is box down?', apps), skippedInZendesk)).not.toMatchObject({ intent: { principal: 'Kenji Watanabe' } });
    const listed: ConversationContext = { at, topic: 'list', app: { name: 'Zendesk', spId: 's1', jobId: 'j1' }, window: { hours: 168, label: 'this week' } };
    expect(applyContext(understand('and today?', apps), listed)).toMatchObject({ kind: 'ask', intent: { topic: 'list', app: 'Zendesk', window: { label: 'today' } } });
  });

  it('shows the last finding’s fix for "fix it", asks again for "why?", and takes the other option', () => {
    expect(applyContext(understand('ok do it', apps), skippedInZendesk)).toEqual({ kind: 'fix', verb: 'reassignUser', data: { spId: 's1', jobId: 'j1', userId: 'u1' } });
    expect(applyContext(understand('why?', apps), skippedInZendesk)).toMatchObject({ kind: 'ask', intent: { topic: 'skipped', principal: 'Kenji Watanabe' } });
    expect(applyContext(understand('no, the other one', apps), skippedInZendesk)).toMatchObject({ kind: 'ask', principal: { id: 'u2' }, app: { spId: 's1' } });
  });

  it('asks a follow-up over the same time as the last question', () => {
    const window = { since: '2025-12-29T00:00:00.000Z', label: 'this week' };
    const listed: ConversationContext = { at, topic: 'list', app: { name: 'Zendesk', spId: 's1', jobId: 'j1' }, window };
    expect(applyContext(understand('and in Box?', apps), listed)).toMatchObject({ kind: 'ask', intent: { topic: 'list', app: 'Box', window } });
    expect(applyContext(understand('try again', apps), listed)).toMatchObject({ kind: 'ask', intent: { topic: 'list', app: 'Zendesk', window } });
  });

  it('fills a command’s app from the context, and asks which app without one', () => {
    expect(applyContext(understand('turn it back on', apps), skippedInZendesk)).toMatchObject({ kind: 'ask', intent: { command: { verb: 'startProvisioning' }, app: 'Zendesk' }, app: { spId: 's1' } });
    expect(applyContext(understand('turn it back on', apps), undefined)).toMatchObject({ kind: 'need', what: 'app' });
    expect(applyContext(understand('fix it', apps), undefined)).toMatchObject({ kind: 'need', what: 'question' });
  });
});

describe('"disable her now"', () => {
  const at = new Date().toISOString();
  it('takes the last answer’s fix only when it provisions the person (their removal), never another action', () => {
    const removal: ConversationContext = { at, topic: 'deprovisioning', fix: { verb: 'provisionOnDemand', data: { spId: 'a', jobId: 'b', userId: 'c' } } };
    const quarantine: ConversationContext = { at, topic: 'quarantine', fix: { verb: 'clearQuarantine', data: { spId: 'a', jobId: 'b' } } };
    expect(applyContext(understand('disable her now'), removal)).toMatchObject({ kind: 'fix', verb: 'provisionOnDemand' });
    expect(applyContext(understand('disable her now'), quarantine)).toMatchObject({ kind: 'need', what: 'fix' });
  });
});
