import { describe, expect, it } from 'vitest';
import type { FilterGroup } from '../graph/types';
import { evaluateServiceScope } from './scoping';
import { sourceAttributes } from './sourceAttributes';

const clause = (sourceOperandName: string, operatorName: string, ...values: string[]) => ({ sourceOperandName, operatorName, targetOperand: { values } });

describe('the service-side scoping filter', () => {
  // A synced user in Dublin as Graph returns them: the clauses name Entra source attributes, not these properties.
  const graphUser = { id: 'u1', onPremisesSyncEnabled: true, officeLocation: 'Dublin', country: 'IE', department: 'Sales', jobTitle: null };
  const groups: FilterGroup[] = [
    { name: 'Synced in Dublin', clauses: [clause('dirSyncEnabled', 'EQUALS', 'True'), clause('physicalDeliveryOfficeName', 'EQUALS', 'Dublin')] },
    { name: 'Titled', clauses: [clause('jobTitle', 'IS NOT NULL'), clause('c', 'NOT EQUALS', 'IE')] },
  ];

  it('reads sync-schema names from the source view, ORs groups, ANDs clauses, and writes ScopeEvaluationResult keys', () => {
    expect(evaluateServiceScope({ groups }, sourceAttributes(graphUser))).toEqual({
      inScope: true,
      result: {
        "Synced in Dublin.dirSyncEnabled EQUALS 'True'": true,
        "Synced in Dublin.physicalDeliveryOfficeName EQUALS 'Dublin'": true,
        'Titled.jobTitle IS NOT NULL': false,
        "Titled.c NOT EQUALS 'IE'": false,
      },
    });
  });

  it('fails a clause on an empty value, and a cloud-only user on dirSyncEnabled', () => {
    const cloudOnly = sourceAttributes({ ...graphUser, onPremisesSyncEnabled: null, officeLocation: '' });
    expect(evaluateServiceScope({ groups }, cloudOnly).inScope).toBe(false);
    expect(evaluateServiceScope(null, cloudOnly)).toEqual({ inScope: true, result: {} });
  });
});
