import { expect } from 'vitest';
import { cardButtons, cardText, onlyCard } from './cards';
import type { TestBot } from './testBot';

// The questions of every topic for each demo tenant, and what the admin must see in the answer.
export interface Case {
  ask: string;
  /** Texts the admin must see on the card (checked case-insensitively, in any order). */
  says: string[];
  /** Texts that must not appear (a wrong cause, another person). */
  never?: string[];
  /** Remedy verbs the card must offer. */
  offers?: string[];
}

export const contoso: Case[] = [
  { ask: 'why was jane skipped?', says: ['Jane Doe', 'scoping filter', 'Salesforce', "department EQUALS 'Sales'", 'Marketing'], offers: ['provisionOnDemand'] },
  { ask: 'is ServiceNow provisioning in quarantine?', says: ['ServiceNow', 'quarantine', 'credentials', 'ServiceNowInvalidCredentials', 'Next retry', 'days left'], offers: ['testConnection', 'clearQuarantine'] },
  { ask: 'why is slack quarantined', says: ['Slack', 'quarantine', 'EncounteredEscrowProportionThreshold'], never: ['credentials were rejected'], offers: ['restartProvisioning'] },
  { ask: 'how is Salesforce doing?', says: ['Salesforce provisioning is healthy', 'Last cycle', 'Succeeded'], never: ['Salesforce Sandbox'] },
  // ServiceNow signs in with an admin user name and password (its error says so), not a token.
  { ask: 'test the connection to ServiceNow', says: ['connection test to ServiceNow failed', 'admin user name'], never: ['secret token'], offers: ['testConnection'] },
  { ask: 'Salesforce Sandbox provisioning is stuck', says: ['Salesforce Sandbox provisioning is paused'], offers: ['startProvisioning'] },
  { ask: "zoom provisioning doesn't start", says: ['Zoom provisioning has never run', '20 minutes'], offers: ['startProvisioning'] },
  { ask: 'is github still running its initial cycle?', says: ['GitHub Enterprise Cloud', 'first provisioning cycle', '22 of 40'] },
  { ask: 'why was tomas skipped', says: ['Tomás García', 'not effectively entitled', 'Atlassian Cloud'], offers: ['reassignUser', 'provisionOnDemand'] },
  { ask: "why wasn't Liam O'Brien provisioned to Salesforce?", says: ["Liam O'Brien", 'not assigned to Salesforce'], never: ['scoping filter'] },
  { ask: 'why did Pradeep Gupta fail in Atlassian', says: ['Pradeep Gupta', 'mail', 'emails'], never: ['provisioning is healthy'] },
  { ask: 'why did Pradeep Gupta fail?', says: ['Pradeep Gupta', 'emails'], never: ["couldn't find"] },
  { ask: 'why was megan bowen not provisioned to github', says: ['Megan Bowen', 'still running its first cycle', '22 of 40'], offers: ['provisionOnDemand'] },
  { ask: 'why was the Project Falcon group skipped?', says: ['Project Falcon', 'mailNickname', 'Contoso Intranet'] },
  { ask: 'is anything in quarantine?', says: ['ServiceNow', 'Slack', 'need attention'], never: ['Zoom provisioning'] },
];

export const fabrikam: Case[] = [
  { ask: 'why was kenji skipped?', says: ['Kenji Watanabe', 'scoping filter', 'Fabrikam Field Service', "department EQUALS 'Field Operations'", 'Engineering'] },
  { ask: 'is Dropbox in quarantine?', says: ['Dropbox Business', 'quarantine', 'credentials'], offers: ['testConnection', 'clearQuarantine'] },
  { ask: 'tableau quarantined?', says: ['Tableau Cloud', 'quarantine', 'EncounteredTotalEscrowThreshold'], offers: ['restartProvisioning'] },
  { ask: 'status of zendesk provisioning', says: ['Zendesk provisioning is healthy', 'Not assigned, or assigned without a role the app provisions'] },
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

/** Asks a case's question and checks the card: texts, no wrong cause, remedy verbs with their ids, size. */
export async function expectAnswer(t: TestBot, c: Case): Promise<void> {
  const replies = await t.ask(c.ask);
  const message = replies.find((r) => r.type === 'message')!;
  const card = onlyCard(replies);
  const text = lower(cardText(card));
  for (const s of c.says) expect(text, `card should say “${s}”:\n${cardText(card)}`).toContain(lower(s));
  for (const s of c.never ?? []) expect(text).not.toContain(lower(s));
  const remedies = cardButtons(card).filter((b) => b.type === 'Action.Execute');
  for (const v of c.offers ?? []) expect(remedies.map((b) => b.verb)).toContain(v);
  for (const b of remedies) {
    expect(b.data?.spId, `${b.verb} needs spId`).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.data?.jobId, `${b.verb} needs jobId`).toBeTruthy();
  }
  expect(message.summary?.length).toBeGreaterThan(10);
  expect(JSON.stringify(card).length).toBeLessThan(28 * 1024);
}
