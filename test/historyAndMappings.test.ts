// History and mapping questions over HTTP against the Fabrikam demo tenant (issue 12): the timeline from
// Entra's audit log, the bot's records and the job; the mapping explanation for one person; the matching attribute.
import { describe, expect, it } from 'vitest';
import { cardButtons, cardText, onlyCard } from './support/cards';
import { TENANTS, useTestBot } from './support/testBot';

describe('history and mappings on the fabrikam demo tenant', () => {
  const t = useTestBot({ tenantFile: TENANTS.fabrikam });

  it('tells what has been done on Zendesk, newest first, from a server-side filtered audit log, and pages with Older', async () => {
    const card = onlyCard(await t.ask('what has been done on Zendesk?'));
    const text = cardText(card);
    expect(text).toContain('What has been done on Zendesk');
    expect(text.indexOf('Enable/start provisioning configuration')).toBeLessThan(text.indexOf('Disable/pause provisioning configuration'));
    expect(text).toContain('Tara Quinn');
    const audit = t.graphRequests.find((r) => r.path.toLowerCase() === '/auditlogs/directoryaudits');
    expect(audit?.query.$filter).toMatch(/^category eq 'ProvisioningManagement' and targetResources\/any\(t:t\/id eq '[0-9a-f-]{36}'\)$/);
    const older = cardButtons(card).find((b) => b.title === 'Older')!;
    const next = await t.invoke(older.verb!, older.data);
    const page2 = cardText(next.body.value as Record<string, unknown>);
    expect(page2).toContain('page 2 of 2');
    expect(page2).toContain('Initial cycle complete');
    expect(page2).not.toContain('Tara Quinn');
    expect(cardButtons(next.body.value as Record<string, unknown>).map((b) => b.title)).toContain('Newer');
  });

  it('names who changed the Dropbox Business credentials', async () => {
    const text = cardText(onlyCard(await t.ask('who changed the Dropbox Business credentials?')));
    expect(text).toMatch(/Stefan Novak: Update provisioning setting or credentials \(changed: Secret Token\) on Dropbox Business/);
  });

  it('answers "who restarted Zendesk?" from Entra’s audit log too, not only from the bot’s own actions', async () => {
    const text = cardText(onlyCard(await t.ask('who restarted Zendesk?')));
    // The restart leads; a later start (Enable/start) is in the timeline, not the answer to "who restarted".
    expect(text).toMatch(/^Connor Walsh: Enable\/restart provisioning configuration on Zendesk/);
    expect(text).toContain('Tara Quinn');
    expect(text).not.toContain('Disable/pause');
  });

  it('says when Zendesk last ran', async () => {
    expect(cardText(onlyCard(await t.ask('when did Zendesk last run?')))).toMatch(/Zendesk last ran .*: Succeeded/);
  });

  it('still answers from the job when the audit log is refused, and names the permission', async () => {
    t.hook = (req) =>
      req.path.toLowerCase() === '/auditlogs/directoryaudits'
        ? { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } }
        : undefined;
    const text = cardText(onlyCard(await t.ask('what has been done on Zendesk?')));
    expect(text).toContain('AuditLog.Read.All');
    expect(text).toContain('Cycle ended');
  });

  it('explains Farah’s wrong job title: the Switch expression and what it gives her', async () => {
    const card = onlyCard(await t.ask("why is farah's job title wrong in Zendesk?"));
    const text = cardText(card);
    expect(text).toContain("An expression turns Farah Siddiqui's value into 'Support Agent' for Zendesk");
    expect(text).toContain('Switch([department], [jobTitle], "Customer Support", "Support Agent")');
    expect(text).toContain("'Escalation Engineer'");
  });

  it('names the matching attribute, with the schema as a table', async () => {
    const card = onlyCard(await t.ask("what's the matching attribute for Zendesk?"));
    expect(cardText(card)).toContain('Zendesk matches users on userName ← userPrincipalName');
    expect(JSON.stringify(card)).toContain('"type":"Table"');
  });
});
