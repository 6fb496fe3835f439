// Every topic, asked through the real HTTP endpoint, against the default demo tenant and a second,
// differently named one: the answers must come from each tenant's data, not from anything tuned to one.
import { describe, expect, it } from 'vitest';
import { cardButtons, cardText, onlyCard } from './support/cards';
import { TENANTS, useTestBot } from './support/testBot';
import { contoso, expectAnswer, fabrikam } from './support/topicCases';

describe.each([
  ['contoso', TENANTS.contoso, contoso],
  ['fabrikam', TENANTS.fabrikam, fabrikam],
] as const)('questions on the %s demo tenant', (_name, tenantFile, cases) => {
  const t = useTestBot({ tenantFile });

  it.each(cases.map((c) => [c.ask, c] as const))('%s', async (_ask, c) => {
    await expectAnswer(t, c);
  });

  it('links a diagnosis to the app in the Entra admin center', async () => {
    const card = onlyCard(await t.ask(cases[1].ask));
    const link = cardButtons(card).find((b) => b.type === 'Action.OpenUrl');
    expect(link?.url).toMatch(/^https:\/\/entra\.microsoft\.com\/#view\/Microsoft_AAD_IAM\/ManagedAppMenuBlade\/~\/Overview\/objectId\/[0-9a-f-]{36}\/appId\/[0-9a-f-]{36}$/);
  });
});

describe('names that need a choice', () => {
  const t = useTestBot();

  it('asks which Alex, and the button continues the same question', async () => {
    const choice = onlyCard(await t.ask('why was alex skipped?'));
    expect(cardText(choice)).toContain('Which one did you mean?');
    const buttons = cardButtons(choice).filter((b) => b.type === 'Action.Execute');
    expect(buttons.map((b) => b.title).sort()).toEqual(['Alex Johnson', 'Alex Wilber']);
    const johnson = buttons.find((b) => b.title === 'Alex Johnson')!;
    const answer = await t.invoke(johnson.verb!, johnson.data);
    expect(answer.status).toBe(200);
    expect(answer.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const text = cardText(answer.body.value as Record<string, unknown>);
    expect(text).toContain('Alex Johnson');
    expect(text).toContain('scoping filter');
    expect(text).not.toContain('Alex Wilber');
  });

  it('asks which Salesforce for a vague app name, then answers about the one picked', async () => {
    const choice = onlyCard(await t.ask('how is sales doing?'));
    const buttons = cardButtons(choice).filter((b) => b.type === 'Action.Execute');
    expect(buttons.map((b) => b.title).sort()).toEqual(['Salesforce', 'Salesforce Sandbox']);
    const sandbox = buttons.find((b) => b.title === 'Salesforce Sandbox')!;
    const answer = await t.invoke(sandbox.verb!, sandbox.data);
    expect(cardText(answer.body.value as Record<string, unknown>)).toContain('Salesforce Sandbox provisioning is paused');
  });

  it('forgives typos in a name when only one person is close', async () => {
    const text = cardText(onlyCard(await t.ask('why was Jnae Dooe skipped?')));
    expect(text).toContain('Jane Doe');
    expect(text).toContain('scoping filter');
  });

  it('says when nobody matches, with the closest names', async () => {
    const text = cardText(onlyCard(await t.ask('why was Jan Dough skipped?')));
    expect(text).toContain('couldn’t find “Jan Dough”'.replace('’', "'"));
    expect(text).toContain('Jane Doe');
    expect(cardText(onlyCard(await t.ask('why was Zebulon Quixote skipped?')))).not.toContain('Jane Doe');
  });

  it('says when no app with provisioning matches, and suggests the ones that have it', async () => {
    const text = cardText(onlyCard(await t.ask('is ServiceNew in quarantine?')));
    expect(text).toContain('ServiceNow');
    const workday = cardText(onlyCard(await t.ask('is Workday in quarantine?')));
    expect(workday).toContain('couldn');
    expect(workday).toContain('Salesforce');
  });

  it('tells an app without provisioning apart from one that does not exist', async () => {
    const text = cardText(onlyCard(await t.ask('is Contoso Expense Tracker in quarantine?')));
    expect(text).toContain('“Contoso Expense Tracker” has no provisioning');
    expect(text).toContain('provisioning is not set up');
  });

  it('answers help with what it can do and example questions that work when clicked', async () => {
    const card = onlyCard(await t.ask('help'));
    expect(cardText(card)).toContain('Quarantine');
    // A click sends the example as the admin's own message (imBack): the answer is a new message.
    const examples = cardButtons(card).map((b) => (b.data?.msteams as { type?: string; value?: string } | undefined)).filter((m) => m?.type === 'imBack');
    expect(examples.length).toBeGreaterThan(1);
    for (const example of examples) {
      const answer = onlyCard(await t.ask(String(example!.value)));
      expect(cardText(answer), String(example!.value)).not.toMatch(/couldn.t find|no app called|Problem/i);
    }
  });
});

describe('an error code asked about by itself (fabrikam)', () => {
  const t = useTestBot({ tenantFile: TENANTS.fabrikam });

  it('explains the code from its name alone, names the app its prefix belongs to, and reads nothing', async () => {
    const app = t.graph.state.servicePrincipals.find((sp) => t.graph.state.synchronization[sp.id]?.jobs.length && !/\s/.test(sp.displayName ?? ''))!.displayName!;
    const code = `${app}MandatoryFieldsMissing`;
    // A first question reads the tenant's app names; the code's own answer then reads nothing more.
    await t.ask('help');
    t.graphRequests.length = 0;
    const text = cardText(onlyCard(await t.ask(`${code} what does it mean`)));
    expect(text.split('\n')[0]).toBe(`${code}: A required attribute is empty`);
    expect(text).toContain(`ask “what failed in ${app} this week?”`);
    expect(t.graphRequests).toEqual([]);
  });
});
