// Every topic, asked through the real HTTP endpoint, against the default demo tenant and a second,
// differently named one: the answers must come from each tenant's data, not from anything tuned to one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardButtons, cardText, onlyCard } from './support/cards';
import { startTestBot, TENANTS, type TestBot } from './support/testBot';

interface Case {
  ask: string;
  /** Texts the admin must see on the card (checked case-insensitively, in any order). */
  says: string[];
  /** Texts that must not appear (a wrong cause, another person). */
  never?: string[];
  /** Remedy verbs the card must offer. */
  offers?: string[];
}

const contoso: Case[] = [
  { ask: 'why was jane skipped?', says: ['Jane Doe', 'scoping filter', 'Salesforce', "department EQUALS 'Sales'", 'Marketing'], offers: ['provisionOnDemand'] },
  { ask: 'is ServiceNow provisioning in quarantine?', says: ['ServiceNow', 'quarantine', 'credentials', 'SystemForCrossDomainIdentityManagementCredentialValidationFailure', 'Next attempt'], offers: ['testConnection', 'clearQuarantine'] },
  { ask: 'why is slack quarantined', says: ['Slack', 'quarantine', 'EncounteredEscrowProportionThreshold'], never: ['credentials were rejected'], offers: ['restartProvisioning'] },
  { ask: 'how is Salesforce doing?', says: ['Salesforce provisioning is healthy', 'Last cycle', 'Succeeded'], never: ['Salesforce Sandbox'] },
  { ask: 'test the connection to ServiceNow', says: ['connection test to ServiceNow failed', 'secret token'], offers: ['testConnection'] },
  { ask: 'Salesforce Sandbox provisioning is stuck', says: ['Salesforce Sandbox provisioning is paused'], offers: ['startProvisioning'] },
  { ask: "zoom provisioning doesn't start", says: ['Zoom provisioning has never run', '20 minutes'], offers: ['startProvisioning'] },
  { ask: 'is github still running its initial cycle?', says: ['GitHub Enterprise Cloud', 'first provisioning cycle', '22 of 40'] },
  { ask: 'why was tomas skipped', says: ['Tomás García', 'not effectively entitled', 'Atlassian Cloud'], offers: ['reassignUser', 'provisionOnDemand'] },
  { ask: "why wasn't Liam O'Brien provisioned to Salesforce?", says: ["Liam O'Brien", 'not assigned to Salesforce'], never: ['scoping filter'] },
  { ask: 'why did Pradeep Gupta fail in Atlassian', says: ['Pradeep Gupta', 'mail', 'emails'] },
  { ask: 'why was megan bowen not provisioned to github', says: ['Megan Bowen', 'still running its first cycle', '22 of 40'], offers: ['provisionOnDemand'] },
  { ask: 'why was the Project Falcon group skipped?', says: ['Project Falcon', 'mailNickname', 'Contoso Intranet'] },
  { ask: 'is anything in quarantine?', says: ['ServiceNow', 'Slack', 'need attention'], never: ['Zoom provisioning'] },
];

const fabrikam: Case[] = [
  { ask: 'why was kenji skipped?', says: ['Kenji Watanabe', 'scoping filter', 'Fabrikam Field Service', "department EQUALS 'Field Operations'", 'Engineering'] },
  { ask: 'is Dropbox in quarantine?', says: ['Dropbox Business', 'quarantine', 'credentials'], offers: ['testConnection', 'clearQuarantine'] },
  { ask: 'tableau quarantined?', says: ['Tableau Cloud', 'quarantine', 'EncounteredTotalEscrowThreshold'], offers: ['restartProvisioning'] },
  { ask: 'status of zendesk provisioning', says: ['Zendesk provisioning is healthy', 'NotEffectivelyEntitled'] },
  { ask: 'test connection for dropbox', says: ['connection test to Dropbox Business failed'], offers: ['testConnection'] },
  { ask: 'test connection for zendesk', says: ['Zendesk accepts the saved credentials'] },
  { ask: 'why is box stuck', says: ['Box provisioning is paused'], never: ['Dropbox'], offers: ['startProvisioning'] },
  { ask: 'smartsheet provisioning never ran', says: ['Smartsheet provisioning has never run'], offers: ['startProvisioning'] },
  { ask: 'is asana still in its initial cycle?', says: ['Asana', 'first provisioning cycle', '21 of 39'] },
  { ask: 'why was siobhan skipped', says: ['Siobhán Ní Bhriain', 'not effectively entitled', 'Zendesk'], offers: ['reassignUser'] },
  { ask: "why was d'arcy fontaine not provisioned", says: ["D'Arcy Fontaine", 'not assigned to Zendesk'] },
  { ask: 'why wasnt ravi patel provisioned to zendesk', says: ['Ravi Patel', 'mail is required but empty', 'MandatoryFieldsMissing'] },
  { ask: 'why was olga petrova not provisioned', says: ['Olga Petrova', 'Asana', 'still running its first cycle'] },
  { ask: "why didn't the Field Crew West group sync", says: ['Field Crew West', 'mail', 'Fabrikam Field Service'] },
  { ask: 'any apps in quarantine?', says: ['Dropbox Business', 'Tableau Cloud', 'need attention'] },
];

const lower = (s: string) => s.toLowerCase();

describe.each([
  ['contoso', TENANTS.contoso, contoso],
  ['fabrikam', TENANTS.fabrikam, fabrikam],
] as const)('questions on the %s demo tenant', (_name, tenantFile, cases) => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ tenantFile });
  });
  afterAll(() => t.close());

  it.each(cases.map((c) => [c.ask, c] as const))('%s', async (_ask, c) => {
    const replies = await t.ask(c.ask);
    const message = replies.find((r) => r.type === 'message')!;
    const card = onlyCard(replies);
    const text = lower(cardText(card));
    for (const s of c.says) expect(text, `card should say “${s}”:\n${cardText(card)}`).toContain(lower(s));
    for (const s of c.never ?? []) expect(text).not.toContain(lower(s));
    const verbs = cardButtons(card).filter((b) => b.type === 'Action.Execute').map((b) => b.verb);
    for (const v of c.offers ?? []) expect(verbs).toContain(v);
    // Every remedy button carries the ids it needs, and the text summary is there for clients without cards.
    for (const b of cardButtons(card).filter((x) => x.type === 'Action.Execute')) {
      expect(b.data?.spId, `${b.verb} needs spId`).toMatch(/^[0-9a-f-]{36}$/);
      expect(b.data?.jobId, `${b.verb} needs jobId`).toBeTruthy();
    }
    expect(message.summary?.length).toBeGreaterThan(10);
    expect(JSON.stringify(card).length).toBeLessThan(28 * 1024);
  });

  it('links a diagnosis to the app in the Entra admin center', async () => {
    const card = onlyCard(await t.ask(cases[1].ask));
    const link = cardButtons(card).find((b) => b.type === 'Action.OpenUrl');
    expect(link?.url).toMatch(/^https:\/\/entra\.microsoft\.com\/#view\/Microsoft_AAD_IAM\/ManagedAppMenuBlade\/~\/Overview\/objectId\/[0-9a-f-]{36}\/appId\/[0-9a-f-]{36}$/);
  });
});

describe('names that need a choice', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.close());

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

  it('says when no app with provisioning matches, and suggests close ones', async () => {
    const text = cardText(onlyCard(await t.ask('is ServiceNew in quarantine?')));
    expect(text).toContain('ServiceNow');
    expect(cardText(onlyCard(await t.ask('is Workday in quarantine?')))).toContain('couldn');
  });

  it('does not treat an app without provisioning as one', async () => {
    const text = cardText(onlyCard(await t.ask('is Contoso Expense Tracker in quarantine?')));
    expect(text).toContain('couldn');
  });

  it('answers help with what it can do and example questions that can be clicked', async () => {
    const card = onlyCard(await t.ask('help'));
    expect(cardText(card)).toContain('Quarantine');
    const ask = cardButtons(card).find((b) => b.verb === 'ask')!;
    const answer = await t.invoke('ask', ask.data);
    expect(answer.status).toBe(200);
    expect(answer.body.value).toBeTruthy();
  });
});
