// A late answer keeps the conversation's context, over real HTTP: when Graph is slow the admin first gets
// "working…", the card is later replaced by the answer, and a follow-up ("and in Box?") still knows what that
// answer was about.
import { expect, it } from 'vitest';
import { cardText, onlyCard } from './support/cards';
import { useConnector } from './support/connector';
import { TENANTS, useTestBot } from './support/testBot';

const connector = useConnector();
// A reply deadline that still leaves the follow-up (answered at once) well inside it on a loaded machine.
const t = useTestBot(() => ({ tenantFile: TENANTS.fabrikam, serviceUrl: connector.url, conversationId: 'a:late-answer-context', env: { REPLY_DEADLINE_MS: '1500' } }));

it('remembers what a late answer was about, so the next message can follow up on it', async () => {
  // One listing held back until "working…" is out makes the first answer late; the rest of Graph answers at once.
  const placeholderSent = () => connector.waitFor((c) => c.method === 'POST' && JSON.stringify(c.body).includes('Working on it'));
  let slow = true;
  t.hook = async (r) => {
    if (!slow || r.path !== '/servicePrincipals' || r.inBatch) return;
    slow = false;
    await placeholderSent();
  };
  await t.send({ type: 'message', text: 'is Smartsheet in quarantine?' });
  const placeholder = await placeholderSent();
  const id = connector.answers.get(placeholder)!.id;
  const update = await connector.waitFor((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${id}`));
  expect(JSON.stringify(update.body)).toContain('Smartsheet');
  // The follow-up asks the same question about another app: the late answer's context was saved.
  const followUp = cardText(onlyCard(await t.ask('and in Box?')));
  expect(followUp).not.toMatch(/no earlier question/i);
  expect(followUp).toContain('Box');
  expect(followUp).toMatch(/quarantine/i);
});
