// A late answer keeps the conversation's context, over real HTTP: when Graph is slow the admin first gets
// "working…", the card is later replaced by the answer, and a follow-up ("and in Box?") still knows what that
// answer was about.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cardText, onlyCard } from './support/cards';
import { startConnector, type Connector } from './support/connector';
import { startTestBot, TENANTS, type TestBot } from './support/testBot';

const conversation = 'a:late-answer-context';
let t: TestBot;
let connector: Connector;
beforeAll(async () => {
  connector = await startConnector();
  t = await startTestBot({ tenantFile: TENANTS.fabrikam, serviceUrl: connector.url, conversationId: conversation, env: { REPLY_DEADLINE_MS: '3000', WORK_DEADLINE_MS: '20000' } });
});
afterAll(async () => {
  await t.close();
  await connector.close();
});

it('remembers what a late answer was about, so the next message can follow up on it', async () => {
  // One slow listing makes the first answer late; the rest of Graph answers at once.
  let slow = true;
  t.hook = async (r) => {
    if (!slow || r.path !== '/servicePrincipals' || r.inBatch) return;
    slow = false;
    await new Promise((resolve) => setTimeout(resolve, 4000));
  };
  await t.send({ type: 'message', text: 'is Smartsheet in quarantine?' });
  const placeholder = await connector.waitFor((c) => c.method === 'POST' && JSON.stringify(c.body).includes('Working on it'));
  const id = connector.answers.get(placeholder)!.id;
  const update = await connector.waitFor((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${id}`));
  expect(JSON.stringify(update.body)).toContain('Smartsheet');
  // The follow-up asks the same question about another app: the late answer's context was saved.
  const followUp = cardText(onlyCard(await t.ask('and in Box?')));
  expect(followUp).not.toMatch(/no earlier question/i);
  expect(followUp).toContain('Box');
  expect(followUp).toMatch(/quarantine/i);
}, 30_000);
