import { describe, expect, it } from 'vitest';
import type { FilterClause, ScopeFilter } from '../graph/types';
import { evaluateScope } from './scoping';

const clause = (sourceOperandName: string, operatorName: string, ...values: string[]): FilterClause => ({
  sourceOperandName,
  operatorName,
  targetOperand: { values },
});
const one = (c: FilterClause, object: Record<string, unknown>) => evaluateScope({ groups: [{ name: 'g', clauses: [c] }] }, object);

describe('evaluateScope', () => {
  it('lets everyone in when there is no filter', () => {
    expect(evaluateScope(null, {})).toEqual({ inScope: true, undetermined: false, noFilter: true, groups: [] });
    expect(evaluateScope({ groups: [] }, {}).noFilter).toBe(true);
  });

  it('names the failed clause and the actual value', () => {
    const result = one(clause('department', 'EQUALS', 'Sales'), { department: 'Marketing' });
    expect(result.inScope).toBe(false);
    expect(result.groups[0].clauses[0]).toEqual({ clause: "department EQUALS 'Sales'", attribute: 'department', actual: 'Marketing', passed: false });
  });

  it('ANDs clauses in a group and ORs groups', () => {
    const scope: ScopeFilter = {
      groups: [
        { name: 'Sales in FR', clauses: [clause('department', 'EQUALS', 'Sales'), clause('country', 'EQUALS', 'FR')] },
        { name: 'Contractors', clauses: [clause('employeeType', 'EQUALS', 'Contractor')] },
      ],
    };
    expect(evaluateScope(scope, { department: 'Sales', country: 'DE' }).inScope).toBe(false);
    expect(evaluateScope(scope, { department: 'Sales', country: 'FR' }).inScope).toBe(true);
    const contractor = evaluateScope(scope, { department: 'IT', employeeType: 'Contractor' });
    expect(contractor.inScope).toBe(true);
    expect(contractor.groups.map((g) => [g.name, g.passed])).toEqual([['Sales in FR', false], ['Contractors', true]]);
  });

  it('makes a clause false on a null or empty attribute, except IS NULL', () => {
    expect(one(clause('department', 'NOT EQUALS', 'Sales'), { department: null }).inScope).toBe(false);
    expect(one(clause('department', 'NOT EQUALS', 'Sales'), { department: '' }).groups[0].clauses[0].actual).toBeNull();
    expect(one(clause('department', 'IS NULL'), {}).inScope).toBe(true);
    expect(one(clause('department', 'IS NOT NULL'), { department: '  ' }).inScope).toBe(false);
  });

  it('matches operator names leniently', () => {
    const u = { department: 'Sales' };
    for (const name of ['EQUALS', 'equals', 'Equals']) expect(one(clause('department', name, 'Sales'), u).inScope).toBe(true);
    for (const name of ['NOT EQUALS', 'Not_Equals', 'NOTEQUALS']) expect(one(clause('department', name, 'HR'), u).inScope).toBe(true);
    expect(one(clause('accountEnabled', 'is_true'), { accountEnabled: true }).inScope).toBe(true);
    expect(one(clause('accountEnabled', 'IS FALSE'), { accountEnabled: 'False' }).inScope).toBe(true);
    expect(one(clause('mail', 'ends with', '@CONTOSO.com'), { mail: 'a@contoso.com' }).inScope).toBe(true);
    expect(one(clause('employeeId', 'Greater_Than', '100'), { employeeId: '150' }).inScope).toBe(true);
    expect(one(clause('employeeId', 'GREATER THAN OR EQUALS', '150'), { employeeId: '150' }).inScope).toBe(true);
    expect(one(clause('employeeId', 'Greater_Than', '200'), { employeeId: '150' }).inScope).toBe(false);
  });

  it('keeps EQUALS and Includes case-sensitive', () => {
    expect(one(clause('department', 'EQUALS', 'sales'), { department: 'Sales' }).inScope).toBe(false);
    expect(one(clause('jobTitle', 'Includes', 'Manager'), { jobTitle: 'Sales Manager' }).inScope).toBe(true);
    expect(one(clause('jobTitle', 'Includes', 'manager'), { jobTitle: 'Sales Manager' }).inScope).toBe(false);
  });

  it('evaluates regular expressions, and a bad one is false with a note instead of a throw', () => {
    expect(one(clause('mail', 'REGEX MATCH', '^.+@contoso\\.com$'), { mail: 'a@contoso.com' }).inScope).toBe(true);
    expect(one(clause('mail', 'NOT REGEX MATCH', '^.+@contoso\\.com$'), { mail: 'a@contoso.com' }).inScope).toBe(false);
    const bad = one(clause('mail', 'REGEX MATCH', '(['), { mail: 'a' });
    expect(bad.inScope).toBe(false);
    expect(bad.groups[0].clauses[0].note).toMatch(/not a valid regular expression/);
    expect(one(clause('mail', 'NOT REGEX MATCH', '(['), { mail: 'a' }).inScope).toBe(false);
  });

  it('tests bits with & and !&', () => {
    expect(one(clause('extensionAttribute1', '&', '2'), { onPremisesExtensionAttributes: { extensionAttribute1: '514' } }).inScope).toBe(true);
    expect(one(clause('extensionAttribute1', '!&', '2'), { onPremisesExtensionAttributes: { extensionAttribute1: '512' } }).inScope).toBe(true);
  });

  it('reads Entra source names from a Graph user', () => {
    const result = one(clause('physicalDeliveryOfficeName', 'EQUALS', 'Paris'), { officeLocation: 'Paris' });
    expect(result.inScope).toBe(true);
  });

  it('treats an unknown operator as not passing, with a note', () => {
    const result = one(clause('department', 'SOUNDS_LIKE', 'Sales'), { department: 'Sales' });
    expect(result.inScope).toBe(false);
    expect(result.groups[0].clauses[0].note).toMatch(/SOUNDS_LIKE/);
  });

  it('writes unary clauses without an operand', () => {
    expect(one(clause('accountEnabled', 'IS TRUE'), { accountEnabled: true }).groups[0].clauses[0].clause).toBe('accountEnabled IS TRUE');
  });

  it('reads sync-schema names through their Graph properties: dirSyncEnabled is onPremisesSyncEnabled', () => {
    const synced = { onPremisesSyncEnabled: true };
    expect(one(clause('dirSyncEnabled', 'EQUALS', 'True'), synced).inScope).toBe(true);
    expect(one(clause('dirSyncEnabled', 'EQUALS', 'True'), { onPremisesSyncEnabled: null }).inScope).toBe(false);
    expect(one(clause('extensionAttribute3', 'EQUALS', 'Contractor'), { onPremisesExtensionAttributes: { extensionAttribute3: 'Contractor' } }).inScope).toBe(true);
    expect(one(clause('physicalDeliveryOfficeName', 'EQUALS', 'Oslo'), { officeLocation: 'Oslo' }).inScope).toBe(true);
    expect(one(clause('l', 'EQUALS', 'Oslo'), { city: 'Oslo' }).inScope).toBe(true);
  });

  it('checks every value of a multi-valued attribute', () => {
    const user = { proxyAddresses: ['SMTP:ana@fabrikam.com', 'smtp:ana@old.example'] };
    expect(one(clause('proxyAddresses', 'REGEX MATCH', '^smtp:.*@old\\.example$'), user).inScope).toBe(true);
    expect(one(clause('proxyAddresses', 'NOT EQUALS', 'smtp:ana@old.example'), user).inScope).toBe(false);
  });

  it('never reports a clause it cannot check from Graph as failed', () => {
    const evaluation = one(clause('manager', 'IS NOT NULL'), { id: 'x' });
    expect(evaluation.inScope).toBe(true);
    expect(evaluation.undetermined).toBe(true);
    expect(evaluation.groups[0].clauses[0]).toMatchObject({ unknown: true, passed: false });
    expect(evaluation.groups[0].clauses[0].note).toMatch(/cannot check this clause from Microsoft Graph/);
    // A name Graph does not return at all is not "empty" either.
    expect(one(clause('msExchHideFromAddressLists', 'IS FALSE'), { id: 'x' }).undetermined).toBe(true);
  });

  it('lets only objects through that also pass the inputFilterGroups', () => {
    const scope: ScopeFilter = { groups: [], inputFilterGroups: [{ name: 'input', clauses: [clause('userType', 'EQUALS', 'Member')] }] };
    expect(evaluateScope(scope, { userType: 'Guest' }).inScope).toBe(false);
    expect(evaluateScope(scope, { userType: 'Member' }).inScope).toBe(true);
  });
});
