import { describe, expect, it } from 'vitest';
import type { AppRoleAssignment } from '../graph/types';
import { appEvidence, job, salesOnly, schema } from './evidence.spec-helper';
import { diagnosePopulation } from './population';

const assignment = (i: number, principalType: 'User' | 'Group', name: string): AppRoleAssignment => ({
  id: `a${i}`,
  appRoleId: '00000000-0000-0000-0000-000000000000',
  principalId: `p${i}`,
  principalType,
  principalDisplayName: name,
  resourceId: 'r',
});

// The job's count as Graph reports it, verbatim from Microsoft's "Understand the Microsoft Entra schema"
// (MicrosoftDocs entra-docs, cloud-sync concept-attributes.md), its job example's status.
const SYNCHRONIZED_ENTRY_COUNT_BY_TYPE = [
  {
    "key": "group to Group",
    "value": 33
  },
  {
    "key": "user to User",
    "value": 3
  }
];

describe('who an app takes in', () => {
  const assignments = [assignment(1, 'Group', 'Sales'), assignment(2, 'User', 'Jane Doe'), assignment(3, 'User', 'Tom Lee')];

  it('counts the assignments and the objects the job keeps in sync, and names the scoping filter', () => {
    const app = appEvidence(job({ synchronizedEntryCountByType: SYNCHRONIZED_ENTRY_COUNT_BY_TYPE }), schema(salesOnly));
    const d = diagnosePopulation({ now: '2026-11-20T12:00:00Z', app, assignments, truncated: false, settings: { syncAll: false } });
    expect(d.summary).toBe('ServiceNow is assigned to 1 group and 2 users; 3 users and 33 groups in sync');
    expect(d.findings[0].evidence).toEqual(
      expect.arrayContaining([
        { label: 'Groups assigned', value: 'Sales' },
        { label: 'Users assigned directly', value: 'Jane Doe, Tom Lee' },
        { label: 'In sync (last cycle)', value: '3 users, 33 groups' },
        { label: 'Scope', value: 'Sync only assigned users and groups' },
      ]),
    );
    expect(d.findings[0].evidence.find((f) => f.label === 'Scoping filter')?.value).toMatch(/department EQUALS 'Sales'/);
  });

  it('says "sync all" when the job takes in everyone, and "none yet" for a job that never synchronized', () => {
    const d = diagnosePopulation({ now: '2026-11-20T12:00:00Z', app: appEvidence(job({ synchronizedEntryCountByType: [] }), schema()), assignments: [], truncated: false, settings: { syncAll: true } });
    expect(d.summary).toBe('ServiceNow provisions all users and groups; nobody in sync yet');
  });

  it('never says "nobody in sync" or "only assigned" when the job gave no count or its settings could not be read', () => {
    const unknown = appEvidence(job({ synchronizedEntryCountByType: null }), schema());
    const d = diagnosePopulation({ now: '2026-11-20T12:00:00Z', app: unknown, assignments, truncated: false });
    expect(d.summary).toBe('ServiceNow is assigned to 1 group and 2 users; the job gives no count of what it keeps in sync');
    expect(d.findings[0].explanation).not.toMatch(/^Only users and groups assigned/);
    expect(d.findings[0].explanation).toMatch(/could not be read/);
  });

  it('says the counts are lower bounds when there were more assignments than it read, and when the scope is unknown', () => {
    const many = Array.from({ length: 12 }, (_, i) => assignment(i, 'User', `User ${i}`));
    const d = diagnosePopulation({ now: '2026-11-20T12:00:00Z', app: appEvidence(), assignments: many, truncated: true });
    expect(d.summary).toMatch(/^ServiceNow has at least 12 assignments; /);
    expect(d.caveats?.[0]).toMatch(/lower bounds/);
    expect(d.findings[0].evidence).toContainEqual({ label: 'Users assigned directly', value: 'User 0, User 1, User 2, User 3, User 4, User 5, User 6, User 7 and 4 more' });
    expect(d.findings[0].evidence).toContainEqual({ label: 'Scope', value: 'not readable (the job’s settings could not be read)' });
  });
});
