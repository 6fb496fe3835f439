import { describe, expect, it } from 'vitest';
import type { ProvisioningObjectSummary } from '../graph/types';
import { appEvidence, job, logEntry, principalTopic, schema, SP_ID } from './evidence.spec-helper';
import { diagnoseSkipped } from './skipped';

const nested = [{ groupId: '44444444-4444-4444-4444-444444444444', groupName: 'All Sales', spId: SP_ID }];

const managerUnresolved: ProvisioningObjectSummary['provisioningSteps'] = [
  { name: 'EntryImportAdd', provisioningStepType: 'import', status: 'success', description: 'Received User jane@contoso.com' },
  { name: 'EntryExportUpdate', provisioningStepType: 'export', status: 'success', description: 'User updated' },
  {
    name: 'ReferenceResolution',
    provisioningStepType: 'referenceResolution',
    status: 'warning',
    description: 'The reference attribute manager could not be resolved because the referenced object is not in scope.',
    details: { ReferenceAttribute: 'manager' },
  },
];

describe('known limits in the skipped diagnosis', () => {
  it('names the nested-group limit next to "not assigned" when the user is in an assigned group only through nesting', () => {
    const d = diagnoseSkipped(principalTopic({ assignments: [], nestedGroupAssignments: nested }));
    expect(d.findings.map((f) => f.cause)).toEqual(['not-assigned', 'limit-nested-group']);
    expect(d.findings[1].explanation).toMatch(/only provisions direct members/);
  });

  it('says nothing about nesting for an assigned user, or for another app', () => {
    expect(diagnoseSkipped(principalTopic({ nestedGroupAssignments: nested })).findings.map((f) => f.cause)).not.toContain('limit-nested-group');
    const elsewhere = [{ ...nested[0], spId: '99999999-9999-9999-9999-999999999999' }];
    expect(diagnoseSkipped(principalTopic({ assignments: [], nestedGroupAssignments: elsewhere })).findings.map((f) => f.cause)).toEqual(['not-assigned']);
  });

  it('explains an unresolved manager reference: the manager must be in scope, then restart', () => {
    const d = diagnoseSkipped(principalTopic({ logs: [logEntry('success', { action: 'update', steps: managerUnresolved })] }));
    expect(d.findings.map((f) => f.cause)).toEqual(['provisioned', 'limit-manager-reference']);
    expect(d.findings[1].fix.join(' ')).toMatch(/restart provisioning/);
  });

  it.each([['userType'], ['manager'], ['employeeHireDate'], ['appRoleAssignments']])('warns that a scoping clause on %s cannot work', (attribute) => {
    const scope = { groups: [{ name: 'g', clauses: [{ sourceOperandName: attribute, operatorName: 'IS NOT NULL', targetOperand: { values: [] } }] }] };
    const d = diagnoseSkipped(principalTopic({}, appEvidence(job(), schema(scope))));
    expect(d.caveats?.join(' ')).toMatch(new RegExp(`scoping filter uses ${attribute}: scoping filters cannot evaluate`));
  });

  it('adds no scoping caveat for an ordinary filter', () => {
    const scope = { groups: [{ name: 'g', clauses: [{ sourceOperandName: 'department', operatorName: 'EQUALS', targetOperand: { values: ['Marketing'] } }] }] };
    expect(diagnoseSkipped(principalTopic({}, appEvidence(job(), schema(scope)))).caveats ?? []).toEqual([]);
  });
});
