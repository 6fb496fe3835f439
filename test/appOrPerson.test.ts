// A name that is an app's and a person's: the exact full name decides, otherwise a choice card asks which
// (never a silent guess). Built on the second demo tenant with a person added under an app's name.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { cardButtons, cardText, onlyCard } from './support/cards';
import { TENANTS, useTestBot } from './support/testBot';

const t = useTestBot({ tenantFile: TENANTS.fabrikam });
let app: { displayName: string; id: string };

beforeAll(() => {
  const state = t.graph.state;
  const sp = state.servicePrincipals.find((s) => state.synchronization[s.id]?.jobs.length === 1 && s.displayName && !s.displayName.includes(' '))!;
  app = { displayName: sp.displayName!, id: sp.id };
  const template = state.users[0];
  // A person whose name is the app's exactly, and one whose name only begins with it.
  state.users.push(
    { ...template, id: randomUUID(), displayName: app.displayName, givenName: app.displayName, surname: null, userPrincipalName: `${app.displayName.toLowerCase()}@${template.userPrincipalName!.split('@')[1]}`, mail: null },
    { ...template, id: randomUUID(), displayName: `${app.displayName} Admin`, givenName: `${app.displayName}Admin`, surname: 'Admin', userPrincipalName: `admin.${app.displayName.toLowerCase()}@${template.userPrincipalName!.split('@')[1]}`, mail: null },
  );
});

describe('an app and a person with the same name', () => {
  it('asks "did you mean the app or the person?" when both are named exactly, and each button answers its reading', async () => {
    const card = onlyCard(await t.ask(`why was ${app.displayName} skipped?`));
    const text = cardText(card);
    expect(text).toContain(`Did you mean the app ${app.displayName} or the person ${app.displayName}?`);
    const buttons = cardButtons(card);
    const asApp = buttons.find((b) => (b.data as { spId?: string }).spId === app.id)!;
    const asPerson = buttons.find((b) => (b.data as { principalId?: string }).principalId)!;
    expect(asApp).toBeDefined();
    expect(asPerson).toBeDefined();
    const appAnswer = await t.invoke(asApp.verb!, asApp.data);
    expect(JSON.stringify(appAnswer.body)).toContain(`${app.displayName} provisioning`);
  });

  it('takes the app when only the app has the exact full name', async () => {
    // Remove the exact namesake: "<app> Admin" still begins with the name, but is not it.
    t.graph.state.users = t.graph.state.users.filter((u) => u.displayName !== app.displayName);
    const text = cardText(onlyCard(await t.ask(`why was ${app.displayName} skipped?`)));
    expect(text).toContain(`${app.displayName} provisioning`);
    expect(text).not.toContain('Which one did you mean');
  });
});
