import { describe, expect, it } from 'vitest';
import { evaluateExpression, type SourceAttributeValue } from './expressions';

// Expressions, inputs and outputs copied from Microsoft's "Reference for writing expressions for attribute
// mappings in Microsoft Entra ID" (MicrosoftDocs/entra-docs,
// docs/identity/app-provisioning/functions-for-customizing-application-data.md), one row per documented example.
const DOCUMENTED: Array<[string, string, Record<string, SourceAttributeValue>, string | null]> = [
  ['Append', 'Append([userPrincipalName], ".test")', { userPrincipalName: 'John.Doe@contoso.com' }, 'John.Doe@contoso.com.test'],
  ['Coalesce', 'Coalesce([mail],[userPrincipalName])', { mail: null, userPrincipalName: 'John.Doe@contoso.com' }, 'John.Doe@contoso.com'],
  ['NormalizeDiacritics', 'NormalizeDiacritics([givenName])', { givenName: 'Zoë' }, 'Zoe'],
  ['Replace, oldValue and replacementValue', 'Replace([BusinessTitle],"Product Developer", , , "Software Engineer", , )', { BusinessTitle: 'Product Developer' }, 'Software Engineer'],
  ['Replace, oldValue and template', 'Replace([UserID],"<username>", , , , , "<username>@contoso.com")', { UserID: 'jsmith' }, 'jsmith@contoso.com'],
  ['Replace, regexPattern and replacementValue', 'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", , "${phoneNumber}", , )', { telephoneNumber: '+91 9998887777' }, '9998887777'],
  ['Replace, strip a known domain name', 'Replace([mail], "@contoso.com", , ,"", ,)', { mail: 'john.doe@contoso.com' }, 'john.doe'],
  ['Switch', 'Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")', { state: 'QLD' }, 'Australia/Brisbane'],
  ['Switch on an empty value', 'Switch([statusFlag], "Default Value", "true", "1", "", "0")', { statusFlag: null }, '0'],
  ['Switch after ToLower', 'Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")', { statusFlag: 'TRUE' }, '1'],
  ['ToLower, Join, StripSpaces, NormalizeDiacritics', 'ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"))', { PreferredFirstName: 'John', PreferredLastName: 'Smith' }, 'john.smith@contoso.com'],
  ['Append of two Mids', 'Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))', { givenName: 'John', surname: 'Doe' }, 'JohDoe'],
  ['Join skips an empty value', 'Join(", ", "", [surname], [givenName])', { givenName: 'John', surname: 'Doe' }, 'Doe, John'],
];

describe('evaluateExpression on Microsoft’s documented examples', () => {
  it.each(DOCUMENTED)('%s', (_name, expression, input, output) => {
    expect(evaluateExpression(expression, (name) => input[name])).toEqual({ ok: true, value: output });
  });
});

describe('evaluateExpression beyond the examples', () => {
  const jane = (name: string): SourceAttributeValue =>
    ({ jobTitle: 'Account Executive', department: 'Sales', appRoleAssignments: ['Standard User'], proxyAddresses: ['a', 'b'] })[name];

  it('takes the first characters with Mid (the expression of Graph’s attributeMappingSource sample)', () => {
    expect(evaluateExpression('Mid([userPrincipalName], 1, 8)', () => 'john.doe@contoso.com')).toEqual({ ok: true, value: 'john.doe' });
    expect(evaluateExpression('Mid([userPrincipalName], 1, 8)', () => 'jo')).toEqual({ ok: true, value: 'jo' });
  });

  it('upper-cases, and gives null for an absent attribute', () => {
    expect(evaluateExpression('ToUpper([jobTitle])', jane)).toEqual({ ok: true, value: 'ACCOUNT EXECUTIVE' });
    expect(evaluateExpression('ToUpper([extensionAttribute3])', jane)).toEqual({ ok: true, value: null });
  });

  it('falls back to the default of a Switch when no key matches (case-sensitive)', () => {
    expect(evaluateExpression('Switch([department], "Staff", "sales", "Sales Rep")', jane)).toEqual({ ok: true, value: 'Staff' });
  });

  it('reads the single app role, and joins every value of a multi-valued attribute', () => {
    expect(evaluateExpression('SingleAppRoleAssignment([appRoleAssignments])', jane)).toEqual({ ok: true, value: 'Standard User' });
    expect(evaluateExpression('Join(";", [proxyAddresses])', jane)).toEqual({ ok: true, value: 'a;b' });
  });

  it('says which function it does not evaluate, and what it cannot read, instead of guessing', () => {
    expect(evaluateExpression('FormatDateTime([employeeHireDate], , "yyyy", "yy")', jane)).toEqual({
      ok: false,
      reason: 'FormatDateTime is not one of the functions I evaluate',
    });
    expect(evaluateExpression('Join(".", [givenName]', jane).ok).toBe(false);
    expect(evaluateExpression('"unclosed', jane).ok).toBe(false);
  });
});
