// "who is assigned to Zendesk?", "how many users are in scope for Zendesk?": who an app's provisioning takes in,
// from its assignments, its scope setting and scoping filter, and how many objects its job keeps in sync (the
// job's own count, as of its last cycle). Group members are not expanded: the job's count is the number that
// the provisioning service itself works with. Pure.
import type { AppEvidence, DeletionSettings, Diagnosis, Fact } from '../domain/types';
import type { AppRoleAssignment } from '../graph/types';
import { objectMappingFor } from './mappings';
import { clauseText } from './scoping';

export interface PopulationEvidence {
  now: string;
  app: AppEvidence;
  /** The app's assignments (users, groups), as far as they were read. */
  assignments: AppRoleAssignment[];
  /** More assignments than were read. */
  truncated: boolean;
  /** From the job's secrets; undefined when they could not be read. */
  settings?: DeletionSettings;
}

/** Names shown per kind; the rest are counted. */
const NAMES_SHOWN = 8;

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function names(list: readonly AppRoleAssignment[]): string {
  const shown = list.slice(0, NAMES_SHOWN).map((a) => a.principalDisplayName?.trim() || a.principalId);
  return list.length > NAMES_SHOWN ? `${shown.join(', ')} and ${list.length - NAMES_SHOWN} more` : shown.join(', ');
}

/**
 * "user to User" → user: the job's count of synchronized objects by source kind; zero of each for an empty list
 * (Graph's answer for a job that synchronized nobody), undefined when the job gives no count at all.
 */
function inSync(e: PopulationEvidence): { users: number; groups: number } | undefined {
  const pairs = e.app.job.status?.synchronizedEntryCountByType;
  if (!Array.isArray(pairs)) return undefined;
  const count = (kind: string) => pairs.filter((p) => new RegExp(`^${kind}\\b`, 'i').test(String(p?.key ?? '').trim())).reduce((n, p) => n + (Number(p.value) || 0), 0);
  return { users: count('user'), groups: count('group') };
}

export function diagnosePopulation(e: PopulationEvidence): Diagnosis {
  const app = e.app.app;
  const name = app.displayName;
  const users = e.assignments.filter((a) => /^user$/i.test(String(a.principalType ?? '')));
  const groups = e.assignments.filter((a) => /^group$/i.test(String(a.principalType ?? '')));
  const scope = objectMappingFor(e.app.schema, 'User')?.scope?.groups ?? [];
  const clauses = scope.map((g) => (g?.clauses ?? []).map(clauseText).join(' and ')).filter(Boolean);
  const synced = inSync(e);
  const syncAll = e.settings?.syncAll === true;
  const none = synced && synced.users + synced.groups === 0;
  const syncedText = !synced ? 'the job gives no count of what it keeps in sync' : none ? 'nobody in sync yet' : `${plural(synced.users, 'user')} and ${plural(synced.groups, 'group')} in sync`;
  const title = syncAll
    ? `${name} provisions all users and groups${clauses.length ? ' that pass its scoping filter' : ''}; ${syncedText}`
    : e.truncated
      ? `${name} has at least ${plural(e.assignments.length, 'assignment')}; ${syncedText}`
      : `${name} is assigned to ${plural(groups.length, 'group')} and ${plural(users.length, 'user')}; ${syncedText}`;
  const scoped = clauses.length ? ` Its scoping filter then keeps only the users who pass it (${clauses.join('; or ')}).` : '';
  const explanation =
    (syncAll
      ? `${name} is set to sync all users and groups: everyone in the directory is in scope, assigned or not.`
      : e.settings
        ? `Only users and groups assigned to ${name} are in scope: users assigned directly, and the direct members of an assigned group (members of a nested group are not).`
        : `Whether ${name} syncs only its assigned users and groups or everyone could not be read; with the usual setting, only those assigned are in scope.`) +
    scoped +
    (!synced ? '' : none ? ' The job has not synchronized anyone yet.' : ' The job counts what it keeps in sync in the app as of its last cycle.');
  const evidence: Fact[] = [
    ...(groups.length ? [{ label: 'Groups assigned', value: names(groups) }] : []),
    ...(users.length ? [{ label: 'Users assigned directly', value: names(users) }] : []),
    ...(synced && !none ? [{ label: 'In sync (last cycle)', value: `${plural(synced.users, 'user')}, ${plural(synced.groups, 'group')}` }] : []),
    { label: 'Scope', value: e.settings ? (syncAll ? 'Sync all users and groups' : 'Sync only assigned users and groups') : 'not readable (the job’s settings could not be read)' },
    ...(clauses.length ? [{ label: 'Scoping filter', value: clauses.join('; or ') }] : []),
  ];
  return {
    topic: 'status',
    subject: { kind: 'app', id: app.spId, displayName: name },
    summary: title,
    findings: [
      {
        cause: 'population',
        severity: 'info',
        title,
        explanation,
        evidence,
        fix: [`Ask “why was <name> skipped in ${name}?” for someone who should be in it and is not.`, `Ask “who was skipped in ${name} this week?” for those left out lately.`],
        remedies: [],
        app,
      },
    ],
    ...(e.truncated ? { caveats: [`${name} has more assignments than I read (${e.assignments.length}); the counts are lower bounds.`] } : {}),
  };
}
