// Card clicks with data that does not hold together (tampered, truncated, from an old card) and verbs the bot
// does not know: each gets a card that says what is wrong, and Graph is not called. In-process (TestAdapter).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardText } from '../../test/support/cards';
import { startInProcessBot, type InProcessBot } from '../../test/support/inProcessBot';

const SP = '56fa674b-bc41-5ab8-9c5a-874f89969550';
const USER = '0f1e2d3c-0000-4000-8000-00000000a11c';
const HUGE = 'x'.repeat(1_000_000);

let bot: InProcessBot;
beforeAll(async () => {
  bot = await startInProcessBot();
});
afterAll(() => bot.close());
beforeEach(() => {
  bot.graphRequests.length = 0;
});

async function click(verb: unknown, data: unknown): Promise<string> {
  const response = await bot.invoke(verb, data);
  expect(response.status).toBe(200);
  const body = response.body as { statusCode: number; type: string; value: Record<string, unknown> };
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return cardText(body.value);
}

describe('a click whose data does not match its verb', () => {
  it.each([
    // "which one?" buttons
    ['chooseSubject', 'no data', undefined, 'cannot read'],
    ['chooseSubject', 'a topic of the wrong type', { topic: 42 }, 'cannot read'],
    ['chooseSubject', 'an unknown topic', { topic: 'nuke' }, 'cannot read'],
    ['chooseSubject', 'a 1 MB name', { topic: 'skipped', principal: HUGE }, 'cannot read'],
    ['chooseSubject', 'a pick without its kind', { topic: 'skipped', principalId: USER }, 'cannot read'],
    ['chooseSubject', 'an app id that is not a GUID', { topic: 'status', spId: "1' or 1 eq 1", jobId: 'x.y' }, 'cannot read'],
    ['chooseSubject', 'an unknown command', { topic: 'status', command: 'deleteEverything' }, 'cannot read'],
    // help card examples
    ['ask', 'no question', {}, 'carried no question'],
    ['ask', 'a question of the wrong type', { text: { nested: true } }, 'carried no question'],
    // alert mute buttons
    ['muteAlerts', 'no app', { hours: 24 }, 'mute button'],
    ['muteAlerts', 'hours that are not a number', { spId: SP, hours: 'lots' }, 'mute button'],
    ['muteAlerts', 'a mute of no time', { spId: SP, hours: 0 }, 'mute button'],
    ['muteAlerts', 'a mute of 11 years', { spId: SP, hours: 100_000 }, 'mute button'],
    ['muteAlerts', 'an app name of the wrong type', { spId: SP, hours: 24, appName: ['x'] }, 'mute button'],
    // remedy buttons
    ['clearQuarantine', 'no data', undefined, 'app id on this button is missing'],
    ['startProvisioning', 'an id that is not a GUID', { spId: "1' or 1 eq 1", jobId: 'x.y' }, 'app id on this button is missing'],
    ['startProvisioning', 'a job id with a path in it', { spId: SP, jobId: '../../users' }, 'provisioning job id'],
    ['reassignUser', 'a user id of the wrong type', { spId: SP, jobId: 'x.y', userId: 42 }, 'user or group id'],
    ['reassignUser', 'no user or group', { spId: SP, jobId: 'x.y' }, 'needs a user or a group'],
    ['clearQuarantine', 'a confirm without an operation id', { spId: SP, jobId: 'x.y', stage: 'confirm' }, 'no valid operation id'],
    ['clearQuarantine', 'an unknown step', { spId: SP, jobId: 'x.y', stage: 'execute' }, 'step is not valid'],
    ['restartProvisioning', 'an unknown restart option', { spId: SP, jobId: 'x.y', restartOption: 'Nuke' }, 'restart option'],
    ['startProvisioning', 'a 1 MB state', { spId: SP, jobId: 'x.y', seenState: HUGE }, 'state on this button'],
    ['cancelRemedy', 'a cancel of an unknown action', { spId: SP, jobId: 'x.y', verb: 'deleteEverything' }, 'not an action I know'],
  ])('%s with %s gets a card that says so, and no Graph call', async (verb, _what, data, says) => {
    const text = await click(verb, data);
    expect(text).toContain('That request was not valid');
    expect(text).toContain(says);
    expect(text).toContain('Nothing was sent to Microsoft Graph');
    expect(text.length).toBeLessThan(1_000);
    expect(bot.graphRequests).toEqual([]);
  });
});

describe('a verb the bot does not know', () => {
  it.each([
    ['an unknown verb', 'deleteEverything', 'deleteEverything'],
    ['a built-in property name', 'constructor', 'constructor'],
    ['a prototype key', '__proto__', '__proto__'],
    ['a 1 MB verb', HUGE, 'x'.repeat(40)],
    ['a verb that is a number', 42, '42'],
  ])('%s gets a card naming it (clipped), and no Graph call', async (_what, verb, named) => {
    const text = await click(verb, { spId: SP, jobId: 'x.y' });
    expect(text).toContain(`“${named}” is not an action I know`);
    expect(text).not.toContain('x'.repeat(41));
    expect(bot.graphRequests).toEqual([]);
  });
});

describe('a well-formed click goes through to its listener', () => {
  it('a cancel says nothing was changed', async () => {
    const text = await click('cancelRemedy', { spId: SP, jobId: 'x.y', verb: 'clearQuarantine' });
    expect(text).toContain('Clear quarantine: cancelled');
    expect(text).toContain('Nothing was changed');
  });

  it('an example question with an empty text shows the help card', async () => {
    expect(await click('ask', { text: '  ' })).toContain('Ask me about');
  });
});
