// Deprovisioning and "when will they get access?" over HTTP on the second demo tenant (Fabrikam): the stories of
// the generator's "Deprovisioning stories" section, answered from the tenant's own data.
import { describe, expect, it } from 'vitest';
import { cardButtons, cardText, onlyCard } from './support/cards';
import { TENANTS, useTestBot } from './support/testBot';

describe('deprovisioning and access on the fabrikam demo tenant', () => {
  const t = useTestBot({ tenantFile: TENANTS.fabrikam });

  it('a user unassigned after the last cycle: the next cycle disables her, or disable her now', async () => {
    const card = onlyCard(await t.ask("why wasn't greta removed from zendesk?"));
    const text = cardText(card);
    expect(text).toContain('Greta Lindqvist has not been removed from Zendesk yet');
    expect(text).toMatch(/next cycle, expected .* will disable the account/);
    expect(cardButtons(card).map((b) => b.title)).toContain('Disable Greta Lindqvist now');
  });

  it('a user unassigned from an app the accidental-deletions threshold stopped', async () => {
    const text = cardText(onlyCard(await t.ask('why is rosa reyes still active in linkedin learning?')));
    expect(text).toContain('The accidental-deletions threshold stopped LinkedIn Learning, so Rosa Reyes was not removed');
    expect(text).toContain('on, 25 deletions per cycle');
  });

  it('a user in a nested group of an assigned group hears the nested-group limit', async () => {
    const text = cardText(onlyCard(await t.ask('why was owen skipped in zendesk?')));
    expect(text).toContain('Owen Price is not assigned to Zendesk');
    expect(text).toContain('Owen Price is in Customer Support only through a nested group');
  });

  it('when will she get access: the first cycle estimate, and provision now with its limits as the fast path', async () => {
    const card = onlyCard(await t.ask('when will olga get access to asana?'));
    const text = cardText(card);
    expect(text).toContain('Olga Petrova gets access when Asana’s first cycle reaches them');
    expect(text).toMatch(/\d+ users remain: by that estimate the cycle reaches everyone in (under a minute|\d+ min)/);
    expect(text).toContain('on demand takes under 30 seconds (one user at a time)');
    expect(cardButtons(card).map((b) => b.title)).toContain('Provision Olga Petrova now');
  });

  it('when will a user who was unassigned get access: not until she is assigned again', async () => {
    const text = cardText(onlyCard(await t.ask('when does greta get access to zendesk')));
    expect(text).toContain('Greta Lindqvist will not get access to Zendesk until something changes');
    expect(text).toContain('not assigned to the app');
  });
});
