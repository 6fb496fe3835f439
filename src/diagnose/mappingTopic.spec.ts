import { describe, expect, it } from 'vitest';
import type { AttributeMapping, ProvisioningObjectSummary } from '../graph/types';
import { renderMapping } from '../render';
import { appEvidence, jane, job, JOB_ID, NOW, salesOnly, schema, SP_ID, USER_ID } from './evidence.spec-helper';
import { diagnoseMapping, type MappingEvidence } from './mappingTopic';

const janeObject = { ...jane, jobTitle: 'Account Executive', department: 'Sales' } as unknown as Record<string, unknown>;

function exportEntry(newValue: string, oldValue: string, at = '2026-11-20T10:00:00Z', status = 'success'): ProvisioningObjectSummary {
  return {
    id: `e-${at}`,
    activityDateTime: at,
    jobId: JOB_ID,
    provisioningAction: 'update',
    provisioningStatusInfo: { status, ...(status === 'failure' ? { errorInformation: { errorCode: 'SystemForCrossDomainIdentityManagementBadRequest', reason: 'title is read-only' } } : {}) },
    servicePrincipal: { id: SP_ID, displayName: 'ServiceNow' },
    sourceIdentity: { id: USER_ID, displayName: 'Jane Doe', identityType: 'User' },
    modifiedProperties: [{ displayName: 'title', oldValue, newValue }],
  };
}

function evidence(title: AttributeMapping, logs: ProvisioningObjectSummary[] = [], ask: MappingEvidence['ask'] = { kind: 'attribute', attribute: 'job title' }): MappingEvidence {
  return {
    now: NOW,
    app: appEvidence(job(), schema(salesOnly, [title])),
    ask,
    person: { ref: { kind: 'user', id: USER_ID, displayName: 'Jane Doe' }, object: janeObject, logs },
  };
}

const fromJobTitle: AttributeMapping = { targetAttributeName: 'title', source: { type: 'Attribute', name: 'jobTitle' } };

describe('diagnoseMapping for one person', () => {
  it('names the other source attribute the mapping reads', () => {
    const view = diagnoseMapping(evidence({ targetAttributeName: 'title', source: { type: 'Attribute', name: 'department' } }));
    expect(view.headline).toBe('ServiceNow\'s title comes from department, not jobTitle');
    expect(view.explanation).toContain("Jane Doe gets 'Sales'");
    expect(view.rows[0]).toMatchObject({ target: 'title', source: 'department', asked: true });
  });

  it('shows the expression and what it gives for her', () => {
    const view = diagnoseMapping(
      evidence({ targetAttributeName: 'title', source: { type: 'Function', expression: 'Switch([jobTitle], "Staff", "Sales Rep", "Sales Representative")' } }),
    );
    expect(view.headline).toBe("An expression turns Jane Doe's value into 'Staff' for ServiceNow");
    expect(view.facts).toContainEqual({ label: 'Expression gives', value: "'Staff'" });
    expect(view.facts).toContainEqual({ label: "Jane Doe's jobTitle", value: "'Account Executive'" });
  });

  it('finds the mapping behind a value she shows up with when no attribute is named', () => {
    const expression: AttributeMapping = { targetAttributeName: 'title', source: { type: 'Function', expression: 'Switch([jobTitle], "Staff", "Sales Rep", "Sales Representative")' } };
    const view = diagnoseMapping(evidence(expression, [], { kind: 'attribute', value: 'staff' }));
    expect(view.headline).toBe("An expression turns Jane Doe's value into 'Staff' for ServiceNow");
    expect(view.rows[0]).toMatchObject({ target: 'title', asked: true });
    // A value no mapping gives her: said so, with the whole mapping, nothing guessed.
    expect(diagnoseMapping(evidence(expression, [], { kind: 'attribute', value: 'Chief Wizard' })).headline).toBe('No ServiceNow mapping gives Jane Doe “Chief Wizard”');
  });

  it('never promises the next cycle for someone with no entry in the app at all', () => {
    const view = diagnoseMapping(evidence(fromJobTitle, []));
    expect(view.headline).toBe('No provisioning of Jane Doe to ServiceNow is on record, so title has not been sent');
    expect(view.explanation).not.toMatch(/next cycle/);
  });

  it('says an emptied value is never exported, so the app keeps the old one', () => {
    const view = diagnoseMapping({ ...evidence(fromJobTitle, [exportEntry('Analyst', '')]), person: { ref: { kind: 'user', id: USER_ID, displayName: 'Jane Doe' }, object: { ...janeObject, jobTitle: null }, logs: [exportEntry('Analyst', '')] } });
    expect(view.headline).toBe("Jane Doe has no value for ServiceNow's title, and an empty value is not exported");
    expect(view.explanation).toContain("so ServiceNow keeps 'Analyst'");
    // With a default value, the default is exported instead: not this limit.
    const withDefault = diagnoseMapping({ ...evidence({ ...fromJobTitle, defaultValue: 'Staff' }), person: { ref: { kind: 'user', id: USER_ID, displayName: 'Jane Doe' }, object: { ...janeObject, jobTitle: null }, logs: [] } });
    expect(withDefault.headline).not.toMatch(/not exported$/);
  });

  it('says when the mapping applies only during object creation', () => {
    const view = diagnoseMapping(evidence({ ...fromJobTitle, flowType: 'ObjectAddOnly' }, [exportEntry('Analyst', '')]));
    expect(view.headline).toBe('ServiceNow sets title only when the account is created');
    expect(view.rows[0].applies).toBe('Only during object creation');
  });

  it('offers Provision now when the value has not been exported yet', () => {
    const view = diagnoseMapping(evidence(fromJobTitle, [exportEntry('Analyst', '')]));
    expect(view.headline).toBe("Jane Doe's title ('Account Executive') has not been exported to ServiceNow yet");
    expect(view.explanation).toContain('The next cycle (expected around 2026-11-20 12:02 UTC) picks up the change');
    expect(view.facts.find((f) => f.label === 'Last export')?.value).toMatch(/^'Analyst' \(was empty\), 2026-11-20 10:00 UTC/);
    expect(view.remedies).toEqual([{ verb: 'provisionOnDemand', title: 'Provision Jane Doe now', data: { spId: SP_ID, jobId: JOB_ID, userId: USER_ID, seenState: 'Active' } }]);
  });

  it('gives the target’s error when the last export was rejected', () => {
    const view = diagnoseMapping(evidence(fromJobTitle, [exportEntry('Account Executive', 'Analyst', '2026-11-20T11:00:00Z', 'failure')]));
    expect(view.severity).toBe('error');
    expect(view.explanation).toContain('SystemForCrossDomainIdentityManagementBadRequest — title is read-only');
  });

  it('says all is well when the last export sent the value the mapping gives', () => {
    const view = diagnoseMapping(evidence(fromJobTitle, [exportEntry('Account Executive', 'Analyst')]));
    expect(view.severity).toBe('ok');
    expect(view.headline).toBe("ServiceNow gets 'Account Executive' as Jane Doe's title");
  });
});

describe('diagnoseMapping for the app', () => {
  const appOnly = (ask: MappingEvidence['ask']): MappingEvidence => ({ now: NOW, app: appEvidence(job(), schema(salesOnly, [fromJobTitle])), ask });

  it('answers what the app gets as the user name', () => {
    expect(diagnoseMapping(appOnly({ kind: 'attribute', attribute: 'user name' })).headline).toBe('ServiceNow gets userName from userPrincipalName');
  });

  it('answers a mapping question that names no attribute with the whole mapping, not its first row', () => {
    const view = diagnoseMapping(appOnly({ kind: 'attribute' }));
    expect(view.headline).toBe('What ServiceNow gets from Entra');
    expect(view.rows.map((r) => r.target)).toEqual(expect.arrayContaining(['userName', 'title']));
  });

  it('names the matching attribute', () => {
    const view = diagnoseMapping(appOnly({ kind: 'matching' }));
    expect(view.headline).toBe('ServiceNow matches users on userName ← userPrincipalName');
    expect(view.rows[0]).toMatchObject({ target: 'userName', applies: 'Always · matching #1' });
  });

  it('shows the scoping filter clause by clause', () => {
    const view = diagnoseMapping(appOnly({ kind: 'scoping' }));
    expect(view.rows).toEqual([expect.objectContaining({ target: 'Sales only', source: "department EQUALS 'Sales'" })]);
  });

  it('renders the schema as a table with the asked row first and the rest behind Details', () => {
    const card = renderMapping(diagnoseMapping(appOnly({ kind: 'attribute', attribute: 'job title' }))).card;
    const text = JSON.stringify(card);
    expect(text).toContain('"type":"Table"');
    expect(text.indexOf('"text":"title"')).toBeLessThan(text.indexOf('"text":"userName"'));
    expect(text).toContain('"id":"details"');
  });
});

describe('the group mapping', () => {
  it('answers "the matching attribute for groups" from the group mapping, not the user one', () => {
    const view = diagnoseMapping({ now: NOW, app: appEvidence(job(), schema()), ask: { kind: 'matching', object: 'group' } });
    expect(view.headline).toBe('ServiceNow matches groups on displayName ← displayName');
    const users = diagnoseMapping({ now: NOW, app: appEvidence(job(), schema()), ask: { kind: 'matching' } });
    expect(users.headline).toBe('ServiceNow matches users on userName ← userPrincipalName');
  });
});

describe('an attribute of someone the app skips', () => {
  it('says the value is not sent while the person is skipped, never that the next cycle picks it up', () => {
    const skipped: ProvisioningObjectSummary = {
      id: 'skip-1',
      activityDateTime: '2026-11-20T11:00:00Z',
      jobId: JOB_ID,
      provisioningAction: 'other',
      provisioningStatusInfo: { status: 'skipped' },
      provisioningSteps: [{ name: 'EntrySynchronizationSkip', provisioningStepType: 'processing', status: 'skipped', description: 'skipped', details: { SkipReason: 'NotEffectivelyEntitled' } }],
      servicePrincipal: { id: SP_ID, displayName: 'ServiceNow' },
      sourceIdentity: { id: USER_ID, displayName: 'Jane Doe', identityType: 'User' },
    };
    const view = diagnoseMapping(evidence(fromJobTitle, [skipped]));
    expect(view.headline).toBe('Jane Doe is skipped by ServiceNow provisioning, so title is not sent');
    expect(view.explanation).toMatch(/NotEffectivelyEntitled/);
    expect(view.explanation).not.toMatch(/next cycle/);
  });
});
