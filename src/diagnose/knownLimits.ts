// Known limits of Microsoft's provisioning service (how-provisioning-works, known issues), said only where the
// evidence shows one explains the case, with the workaround. Pure.
import type { AppEvidence, Finding, PrincipalTopicEvidence, Remedy } from '../domain/types';
import type { ObjectMapping, ProvisioningObjectSummary } from '../graph/types';
import { isRemoval } from './causes';
import { appName, remedy } from './findings';
import { entryStatus } from './readLog';
import { formatWhen } from './time';

const lower = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

/** The person is in an assigned group only through a group nested in it: nested groups are not provisioned. */
export function nestedGroupFinding(e: PrincipalTopicEvidence, ev: AppEvidence, who: string): Finding | null {
  const nested = (e.nestedGroupAssignments ?? []).filter((n) => lower(n.spId) === lower(ev.app.spId));
  if (!nested.length) return null;
  const names = nested.map((n) => n.groupName).join(', ');
  return {
    cause: 'limit-nested-group',
    severity: 'warning',
    title: `${who} is in ${names} only through a nested group, which ${appName(ev.app)} provisioning does not follow`,
    explanation: `${names} is assigned to ${appName(ev.app)}, and ${who} belongs to it through another group inside it. The provisioning service only provisions direct members of an assigned group; groups nested inside it are not expanded.`,
    evidence: nested.map((n) => ({ label: 'Assigned group (nested membership)', value: n.groupName })),
    fix: [
      `Add ${who} as a direct member of ${nested[0].groupName}, or assign ${who} (or the nested group itself) to ${appName(ev.app)}.`,
      'Then provision on demand or wait for the next cycle.',
    ],
    remedies: [],
    app: ev.app,
  };
}

/**
 * The service removed the person earlier and they are entitled again now: a member coming back into scope is
 * not picked up by incremental cycles until the job is restarted (or the person is provisioned on demand).
 */
export function backInScopeFinding(entry: ProvisioningObjectSummary | undefined, ev: AppEvidence, who: string, now: string, remedies: Remedy[]): Finding | null {
  if (!entry || !isRemoval(entry) || entryStatus(entry) !== 'success') return null;
  return {
    cause: 'limit-back-in-scope',
    severity: 'warning',
    title: `${who} came back into scope of ${appName(ev.app)} after being removed: the next cycles may not notice`,
    explanation: `The service ${lower(entry.provisioningAction) === 'disable' ? 'disabled' : 'removed'} ${who}’s account ${formatWhen(entry.activityDateTime, now)}. ${who} is assigned and in scope again, but an account that comes back into scope is not detected by incremental cycles until provisioning is restarted.`,
    evidence: [{ label: 'Last log entry', value: `${formatWhen(entry.activityDateTime, now)}, ${entry.provisioningAction} succeeded` }],
    fix: [`Provision ${who} on demand (fastest), or restart provisioning for ${appName(ev.app)} (a full cycle for everyone).`],
    remedies: [...remedies, remedy('restartProvisioning', 'Restart provisioning', ev.app, { seenState: ev.job?.status?.code ?? undefined })],
    app: ev.app,
  };
}

/** A failed or unresolved reference step for the manager: it resolves only once the manager is in scope. */
export function managerReferenceFinding(entry: ProvisioningObjectSummary | undefined, ev: AppEvidence, who: string): Finding | null {
  const step = (entry?.provisioningSteps ?? []).find(
    (s) => s && lower(s.provisioningStepType) === 'referenceresolution' && lower(s.status) !== 'success' && /manager/i.test(`${s.description ?? ''} ${JSON.stringify(s.details ?? {})}`),
  );
  if (!step) return null;
  return {
    cause: 'limit-manager-reference',
    severity: 'warning',
    title: `${who}’s manager was not set in ${appName(ev.app)}`,
    explanation: `manager is a reference: the service can only set it when the manager is provisioned to ${appName(ev.app)} too (assigned and in scope). ${step.description ?? ''}`.trim(),
    evidence: [{ label: 'Reference step', value: `${step.status}${step.description ? `: ${step.description}` : ''}` }],
    fix: [
      `Assign ${who}’s manager to ${appName(ev.app)} (and make sure they pass the scoping filter).`,
      'When the manager enters scope after the person, restart provisioning so the reference is resolved again.',
    ],
    remedies: [],
    app: ev.app,
  };
}

/** Scoping filters cannot evaluate these source attributes (Microsoft's scoping-filter documentation). */
const UNSCOPABLE = /^(approleassignments?|usertype|manager)$|date(time)?$/i;

/** A caveat when a scoping filter names an attribute the service cannot filter on. */
export function scopingLimitCaveats(objectMapping: ObjectMapping | undefined, app: AppEvidence): string[] {
  const names = (objectMapping?.scope?.groups ?? [])
    .flatMap((g) => g?.clauses ?? [])
    .map((c) => c?.sourceOperandName)
    .filter((n): n is string => !!n && UNSCOPABLE.test(n.trim()));
  const unique = [...new Set(names)];
  return unique.length
    ? [
        `${appName(app.app)}’s scoping filter uses ${unique.join(', ')}: scoping filters cannot evaluate appRoleAssignments, userType, manager or dates, so such a clause does not work as written. Use assignments (or a group) instead, or an attribute that holds the value as text.`,
      ]
    : [];
}
