import { describe, expect, it } from 'vitest';
import { findAppNames } from './tenantNames';
import { understand } from './understand';

// Display names as the Entra app gallery spells them: punctuation, spaces, "from", a dash, shared first words.
const tenant = {
  apps: ['monday.com', 'Workplace from Meta', 'SAP Cloud Identity Services – Identity Provisioning', 'Contoso', 'Contoso SCIM App', 'Box', 'Dropbox Business', 'Atlassian Cloud'],
};
const named = (text: string) => findAppNames(text, tenant).map((h) => h.names);

describe('app names from the tenant', () => {
  it('finds names with punctuation, spaces and dashes, as typed or lower case', () => {
    expect(named('is monday.com in quarantine')).toEqual([['monday.com']]);
    expect(named('workplace from meta skipped jane')).toEqual([['Workplace from Meta']]);
    expect(named('status of SAP Cloud Identity Services - Identity Provisioning')).toEqual([['SAP Cloud Identity Services – Identity Provisioning']]);
  });

  it('prefers the exact full name: "Contoso SCIM App" is not "Contoso", and "Box" is not "Dropbox Business"', () => {
    expect(named('how is the Contoso SCIM App doing')).toEqual([['Contoso SCIM App']]);
    expect(named('how is Contoso doing')).toEqual([['Contoso']]);
    expect(named('why is box stuck')).toEqual([['Box']]);
  });

  it('reads a name typed as two words ("drop box", "git hub") as the app, not the shorter app its second word is', () => {
    const names = { apps: ['Dropbox Business', 'Box', 'GitHub Enterprise Cloud', 'Smartsheet'] };
    const found = (text: string) => findAppNames(text, names).map((h) => h.names.join('|'));
    expect(found('drop box quarantine')).toEqual(['Dropbox Business']);
    expect(found('git hub status')).toEqual(['GitHub Enterprise Cloud']);
    expect(found('box status')).toEqual(['Box']);
    // A preposition is never run into the name after it.
    expect(understand('eta for carla in Smartsheet?', names)).toMatchObject({ principal: 'carla', app: 'Smartsheet' });
  });

  it('reads a name without its company word ("field service" for "Fabrikam Field Service"), never a tail of everyday words', () => {
    const names = { apps: ['Fabrikam Field Service', 'Contoso Intranet', 'Tableau Cloud', 'Workday to Entra User Provisioning'] };
    const found = (text: string) => findAppNames(text, names).map((h) => h.names.join('|'));
    expect(found('did quentin get his field service account')).toEqual(['Fabrikam Field Service']);
    expect(found('is the intranet ok')).toEqual(['Contoso Intranet']);
    expect(found('is the cloud ok')).toEqual([]);
    expect(found('why is user provisioning failing')).toEqual([]);
    expect(understand('show me the field service scoping rules', names)).toMatchObject({ topic: 'mapping', app: 'Fabrikam Field Service' });
  });

  it('reads admins\u2019 nicknames for a product (SNOW, SFDC, jira) as its app, only when the tenant has that product', () => {
    const names = { apps: ['ServiceNow', 'Salesforce', 'Salesforce Sandbox', 'Atlassian Cloud'] };
    const found = (text: string, n = names) => findAppNames(text, n).map((h) => h.names.join('|'));
    expect(found('hey is SNOW in quarantine')).toEqual(['ServiceNow']);
    expect(found("how's the SFDC sandbox doing")).toEqual(['Salesforce Sandbox']);
    expect(found('why was pradeep skipped in jira')).toEqual(['Atlassian Cloud']);
    expect(found('why was pradeep skipped in jira', { apps: ['ServiceNow'] })).toEqual([]);
  });

  it('takes a distinctive first word, a typo or a possessive, but no everyday word or e-mail domain', () => {
    expect(named('atlasian quarantined?')).toEqual([['Atlassian Cloud']]);
    expect(named("ServiceNow's job and Atlassian's")).toEqual([['Atlassian Cloud']]);
    expect(named('since monday nothing ran')).toEqual([]);
    expect(named('jane@contoso.com not provisioned')).toEqual([]);
  });

  it('never reads ordinary words as an app, with or without the tenant', () => {
    expect(understand('how is provisioning doing overall?', tenant)).toEqual({ topic: 'status' });
    expect(understand('did anything get skipped today?', tenant).app).toBeUndefined();
  });
});
