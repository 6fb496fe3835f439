// "Why wasn't Tom removed from Slack?", "what happens if I unassign Jane?": which of Microsoft's deprovisioning
// rules (how-provisioning-works → de-provisioning) applies to this person in this app, and what holds it back.
// Unassigned or out of scope → disabled in the next cycle (deleted where the app has no IsSoftDeleted mapping);
// accountEnabled false → disabled only through that mapping; "skip out of scope deletions" and the
// accidental-deletions threshold stop it. Pure: the evidence already holds logs, assignments, job, schema and settings.
import type { AppEvidence, DeletionSettings, DeprovisionEvidence, Diagnosis, Fact, Finding, Remedy, Severity, Cause } from '../domain/types';
import type { AttributeMapping, ObjectMapping, ProvisioningObjectSummary } from '../graph/types';
import { isRemoval } from './causes';
import { backInScopeFinding } from './knownLimits';
import { explainProvisioningError } from './errorCodes';
import { appName, diagnosis, fact, logsCaveat, remedy, withCaveats } from './findings';
import { intervalMinutes, jobFacts, jobPhase, nextCycleAt } from './jobState';
import { describeSource, objectMappingFor, sourceAttributesOf } from './mappings';
import { entryError, entryStatus, isRedundantExport } from './readLog';
import { evaluateScope } from './scoping';
import { appsConcerned, assignmentsFor, entriesFor } from './skipped';
import { formatUtc, formatWhen } from './time';

/** Why the service should remove the account (none: the person is still entitled). */
export type RemovalTrigger = 'unassigned' | 'out-of-scope' | 'disabled-in-entra';

export interface AppPosition {
  ev: AppEvidence;
  who: string;
  objectMapping: ObjectMapping | undefined;
  entries: ProvisioningObjectSummary[];
  triggers: RemovalTrigger[];
  /** The mapping that turns IsSoftDeleted into the target's `active` (or equivalent): disable rather than delete. */
  softDeleteMapping: AttributeMapping | undefined;
  settings: DeletionSettings | undefined;
}

const TRIGGER_WORDS: Record<RemovalTrigger, string> = {
  unassigned: 'no longer assigned to the app',
  'out-of-scope': 'outside the scoping filter',
  'disabled-in-entra': 'disabled in Microsoft Entra ID (accountEnabled false)',
};

export function softDeleteMappingOf(objectMapping: ObjectMapping | undefined): AttributeMapping | undefined {
  return (objectMapping?.attributeMappings ?? []).find((m) => sourceAttributesOf(m).some((s) => s.toLowerCase() === 'issoftdeleted'));
}

/** Where the person stands in one app: what should remove them, and what the app is set to do about it. */
export function appPosition(e: DeprovisionEvidence, ev: AppEvidence, who: string): AppPosition {
  const objectMapping = objectMappingFor(ev.schema, e.principal.kind === 'group' ? 'Group' : 'User');
  const settings = e.deletionSettings?.[ev.app.spId];
  const object = (e.directoryObject ?? {}) as Record<string, unknown>;
  const triggers: RemovalTrigger[] = [];
  // With "sync all users and groups" an assignment does not decide who is provisioned.
  if (assignmentsFor(e, ev).length === 0 && !settings?.syncAll) triggers.push('unassigned');
  if (!evaluateScope(objectMapping?.scope, object).inScope) triggers.push('out-of-scope');
  if (object.accountEnabled === false) triggers.push('disabled-in-entra');
  return { ev, who, objectMapping, entries: entriesFor(e, ev), triggers, softDeleteMapping: softDeleteMappingOf(objectMapping), settings };
}

/** "disable" where the app maps IsSoftDeleted (SCIM `active`), else "delete": what the service sends. */
const removalVerb = (p: AppPosition) => (p.softDeleteMapping ? 'disable' : 'delete');

export function nextCycleWords(p: AppPosition, now: string): string {
  const next = nextCycleAt(p.ev.job, now);
  const interval = intervalMinutes(p.ev.job?.schedule?.interval) ?? 40;
  return next ? `the next cycle, expected ${formatWhen(next, now)}` : `the next cycle (due now; cycles run about every ${interval} minutes)`;
}

export function settingsFacts(p: AppPosition): Fact[] {
  const s = p.settings;
  if (!s) return [];
  const threshold = s.deleteThreshold;
  return [
    ...fact('Skip out of scope deletions', s.skipOutOfScopeDeletions === undefined ? undefined : s.skipOutOfScopeDeletions ? 'on' : 'off'),
    ...fact('Accidental-deletions threshold', !threshold ? undefined : threshold.enabled ? `on, ${threshold.value ?? '?'} deletions per cycle` : 'off'),
  ];
}

function positionFacts(p: AppPosition, e: DeprovisionEvidence): Fact[] {
  const assignments = assignmentsFor(e, p.ev);
  return [
    { label: 'Assignment', value: assignments.length ? assignments.map((a) => (a.principalId.toLowerCase() === e.principal.id.toLowerCase() ? 'direct' : `through group ${a.principalDisplayName ?? a.principalId}`)).join(', ') : p.settings?.syncAll ? 'none (the app syncs all users)' : 'none' },
    ...fact('accountEnabled', typeof (e.directoryObject as { accountEnabled?: unknown }).accountEnabled === 'boolean' ? String((e.directoryObject as { accountEnabled: boolean }).accountEnabled) : undefined),
    ...fact('Scoping filter', p.triggers.includes('out-of-scope') ? 'not matched' : undefined),
    ...fact('Disable mapping', p.softDeleteMapping ? `${p.softDeleteMapping.targetAttributeName} ← ${describeSource(p.softDeleteMapping)}` : 'none (the app gets a DELETE instead)'),
    ...settingsFacts(p),
  ];
}

function make(p: AppPosition, e: DeprovisionEvidence, cause: Cause, severity: Severity, title: string, explanation: string, fix: string[], remedies: Remedy[] = [], extra: Fact[] = []): Finding {
  return { cause, severity, title, explanation, evidence: [...extra, ...positionFacts(p, e), ...jobFacts(p.ev.job, e.now)], fix, remedies, app: p.ev.app };
}

const userData = (e: DeprovisionEvidence) => (e.principal.kind === 'group' ? { groupId: e.principal.id } : { userId: e.principal.id });

function removalEntryFacts(entry: ProvisioningObjectSummary, now: string): Fact[] {
  return [{ label: 'Last removal entry', value: `${formatWhen(entry.activityDateTime, now)}, ${entry.provisioningAction} ${entryStatus(entry)}` }];
}

function removed(p: AppPosition, e: DeprovisionEvidence, entry: ProvisioningObjectSummary): Finding {
  const done = /delete/i.test(entry.provisioningAction ?? '') ? (/staged/i.test(entry.provisioningAction ?? '') ? 'marked for deletion' : 'deleted') : 'disabled';
  return make(p, e, 'deprovisioned', 'ok', `${p.who} was ${done} in ${appName(p.ev.app)} on ${formatUtc(entry.activityDateTime)}`,
    `The provisioning service ${done} ${p.who}’s account in ${appName(p.ev.app)}. If the account still looks active there, the app itself did not apply the change: check the account in ${appName(p.ev.app)}.`,
    [], [], removalEntryFacts(entry, e.now));
}

function removalFailed(p: AppPosition, e: DeprovisionEvidence, entry: ProvisioningObjectSummary): Finding {
  const explained = explainProvisioningError(entryError(entry), p.objectMapping);
  return make(p, e, 'deprovision-failed', 'error', `${appName(p.ev.app)} refused to ${removalVerb(p)} ${p.who}: ${explained.title}`,
    `The service tried to ${entry.provisioningAction?.toLowerCase() ?? removalVerb(p)} ${p.who}’s account and the app answered with an error. ${explained.explanation}`,
    [...explained.fix, `Then provision ${p.who} on demand to retry the removal.`],
    [remedy('provisionOnDemand', `Retry for ${p.who} now`, p.ev.app, userData(e))],
    [...removalEntryFacts(entry, e.now), ...fact('Error code', entryError(entry)?.errorCode ?? undefined)]);
}

function stillEntitled(p: AppPosition, e: DeprovisionEvidence): Finding {
  const skip = p.settings?.skipOutOfScopeDeletions;
  return make(p, e, 'still-entitled', 'info', `${p.who} is still entitled to ${appName(p.ev.app)}: nothing removes the account yet`,
    `${p.who} is assigned, in scope and enabled, so the service keeps the account. If you unassign ${p.who} (or they leave the scoping filter), ${nextCycleWords(p, e.now)} will ${removalVerb(p)} the account` +
      (p.softDeleteMapping ? ` (${p.softDeleteMapping.targetAttributeName} set to false)` : ' (the app has no IsSoftDeleted mapping, so the service sends a DELETE)') +
      (skip ? `, except that “skip out of scope deletions” is on for this app: the account would stay as it is.` : '.') +
      ` Disabling ${p.who} in Entra ${p.softDeleteMapping ? 'also disables the account' : 'does not change the account (no IsSoftDeleted mapping)'}; deleting ${p.who} disables it, and the permanent deletion 30 days later deletes it.`,
    [
      `To remove ${p.who}: Enterprise applications → ${appName(p.ev.app)} → Users and groups → remove the assignment (or the group’s, if it comes through a group).`,
      'Then provision on demand to apply it at once, or wait for the next cycle.',
    ]);
}

function thresholdStopped(p: AppPosition, e: DeprovisionEvidence): Finding {
  const value = p.settings?.deleteThreshold?.value;
  return make(p, e, 'deprovision-threshold', 'error', `The accidental-deletions threshold stopped ${appName(p.ev.app)}, so ${p.who} was not removed`,
    `${p.who} is ${p.triggers.map((t) => TRIGGER_WORDS[t]).join(' and ')}, but the cycle wanted to disable or delete more accounts than the threshold allows${value ? ` (${value})` : ''}, so the job went into quarantine and removes nobody until an admin decides.`,
    [
      `Open ${appName(p.ev.app)} → Provisioning: review the held-back deletions (provisioning logs, actions Disable and Delete).`,
      'If they are intended, allow the deletions there (or raise the threshold); if not, undo the assignment or scoping change that caused them.',
      'Provisioning resumes with the next cycle after that.',
    ],
    [], fact('Quarantine reason', p.ev.job?.status?.quarantine?.reason));
}

function skippedOutOfScope(p: AppPosition, e: DeprovisionEvidence): Finding {
  return make(p, e, 'deprovision-skipped-out-of-scope', 'warning', `${appName(p.ev.app)} is set to skip out-of-scope deletions, so ${p.who} stays`,
    `${p.who} is ${p.triggers.map((t) => TRIGGER_WORDS[t]).join(' and ')}. Normally the next cycle would ${removalVerb(p)} the account, but the app’s “SkipOutOfScopeDeletions” setting is on: accounts that leave scope are left as they are.`,
    [
      `Disable or delete ${p.who}’s account in ${appName(p.ev.app)} by hand,`,
      'or turn SkipOutOfScopeDeletions off (synchronization secrets of the app, through Microsoft Graph) so the service removes out-of-scope accounts again.',
    ]);
}

function noDisableMapping(p: AppPosition, e: DeprovisionEvidence): Finding {
  return make(p, e, 'deprovision-no-disable-mapping', 'warning', `${appName(p.ev.app)} has no mapping that disables ${p.who}’s account`,
    `${p.who} is disabled in Microsoft Entra ID, but the service carries that over only through a mapping from IsSoftDeleted to the app’s active flag, and ${appName(p.ev.app)} has none. The account stays active there.`,
    [
      `Add the mapping in ${appName(p.ev.app)} → Provisioning → Mappings → the user mapping: target active, expression Switch([IsSoftDeleted], , "False", "True", "True", "False").`,
      `Or disable ${p.who} in ${appName(p.ev.app)} by hand, or unassign them (the service then removes the account).`,
    ]);
}

function pending(p: AppPosition, e: DeprovisionEvidence): Finding {
  const phase = jobPhase(p.ev.job);
  const stopped = ['paused', 'disabled', 'never-run', 'not-configured', 'quarantine'].includes(phase);
  const why = p.triggers.map((t) => TRIGGER_WORDS[t]).join(' and ');
  // On demand disables an unassigned or out-of-scope user at once; a user disabled in Entra is not offered there.
  const onDemand = p.triggers.some((t) => t !== 'disabled-in-entra') && phase !== 'not-configured';
  return make(p, e, 'deprovision-pending', stopped ? 'warning' : 'info',
    stopped ? `${p.who} will be removed from ${appName(p.ev.app)} once its provisioning runs again` : `${p.who} has not been removed from ${appName(p.ev.app)} yet`,
    `${p.who} is ${why}. ` +
      (stopped
        ? `The service will ${removalVerb(p)} the account, but ${appName(p.ev.app)} provisioning is ${phase === 'quarantine' ? 'in quarantine (cycles run about once a day)' : phase.replace('-', ' ')}.`
        : p.entries.length
          ? `No cycle has processed that yet: ${nextCycleWords(p, e.now)} will ${removalVerb(p)} the account.`
          : `No log entry of the last 30 days shows an account of theirs in ${appName(p.ev.app)}; if there is one, ${nextCycleWords(p, e.now)} will ${removalVerb(p)} it.`),
    [
      ...(onDemand ? [`Provision ${p.who} on demand to ${removalVerb(p)} the account now (under 30 seconds).`] : []),
      stopped ? (phase === 'quarantine' ? 'Ask about the quarantine of this app for its cause and fix.' : 'Start provisioning for this app.') : 'Or wait for that cycle.',
      // A known limit: a change of scope is applied to existing accounts only by a restart.
      ...(p.triggers.includes('unassigned') && p.settings?.syncAll === false
        ? [`If ${appName(p.ev.app)}'s scope was changed from "Sync all users and groups" to "Sync only assigned users and groups", accounts made before the change are removed only after provisioning is restarted.`]
        : []),
    ],
    [
      ...(onDemand ? [remedy('provisionOnDemand', `${removalVerb(p) === 'disable' ? 'Disable' : 'Remove'} ${p.who} now`, p.ev.app, userData(e))] : []),
      ...(stopped && phase !== 'quarantine' && phase !== 'not-configured' ? [remedy('startProvisioning', 'Start provisioning', p.ev.app, { seenState: p.ev.job?.status?.code ?? undefined })] : []),
    ],
    fact('Next cycle expected', stopped ? undefined : nextCycleAt(p.ev.job, e.now) ? formatWhen(nextCycleAt(p.ev.job, e.now), e.now) : undefined));
}

/** Every entry a skip with no account in the target: the service never created one, so there is none to remove. */
/** An entry that made no account: a skip with no account in the app, or a create the app refused. */
const madeNoAccount = (entry: ProvisioningObjectSummary) =>
  (entryStatus(entry) === 'skipped' && !isRedundantExport(entry) && !entry.targetIdentity?.id) || (entryStatus(entry) === 'failure' && /^create$/i.test(String(entry.provisioningAction ?? '')));

function neverProvisioned(p: AppPosition): boolean {
  return p.entries.length > 0 && p.entries.every(madeNoAccount);
}

function nothingToRemove(p: AppPosition, e: DeprovisionEvidence): Finding {
  const failed = p.entries.filter((entry) => entryStatus(entry) === 'failure').length;
  const entitled = p.triggers.length === 0;
  return make(p, e, 'deprovision-nothing-to-remove', 'ok', `${p.who} has no account in ${appName(p.ev.app)} to remove`,
    (failed
      ? `Every provisioning log entry for ${p.who} in ${appName(p.ev.app)} is a skip or a create the app refused: the service never made an account (within the logs’ 30 days).`
      : `Every provisioning log entry for ${p.who} in ${appName(p.ev.app)} is a skip with no account in the app: the service never created one (within the logs’ 30 days).`) +
      (entitled ? ` Unassigning ${p.who} would only stop the attempts.` : '') +
      ' If an account exists there, it was made another way, and the service does not manage it.',
    [`If ${p.who} has an account in ${appName(p.ev.app)} anyway, remove it there by hand.`], [],
    [{ label: 'Log entries', value: `${p.entries.length}, ${failed ? 'skipped or failed to create' : 'all skipped'}` }]);
}

const tooManyDeletes = (p: AppPosition) =>
  jobPhase(p.ev.job) === 'quarantine' && /^toomanydeletes$/i.test(String(p.ev.job?.status?.quarantine?.reason ?? '').trim());

/**
 * The newest Disable/Delete/StagedDelete entry, unless the service wrote to the account since (a create or update
 * after it means the account is back). Cycles after a removal often log only skips for the person.
 */
export function lastRemoval(entries: ProvisioningObjectSummary[]): ProvisioningObjectSummary | undefined {
  for (const entry of entries) {
    if (isRemoval(entry)) return entry;
    if (entryStatus(entry) === 'success') return undefined;
  }
  return undefined;
}

/** Which rule applies in one app, in the order they decide: what the log shows done, then what holds it back. */
export function deprovisionFinding(p: AppPosition, e: DeprovisionEvidence): Finding {
  const removal = lastRemoval(p.entries);
  if (removal) {
    if (entryStatus(removal) === 'success') return removed(p, e, removal);
    if (entryStatus(removal) === 'failure' && p.triggers.length) return removalFailed(p, e, removal);
  }
  // No account was ever made (every create refused or skipped): nothing is kept, nothing would be removed.
  if (neverProvisioned(p)) return nothingToRemove(p, e);
  if (p.triggers.length === 0) return stillEntitled(p, e);
  if (tooManyDeletes(p)) return thresholdStopped(p, e);
  const leftScope = p.triggers.some((t) => t !== 'disabled-in-entra');
  if (leftScope && p.settings?.skipOutOfScopeDeletions) return skippedOutOfScope(p, e);
  if (!leftScope && !p.softDeleteMapping) return noDisableMapping(p, e);
  return pending(p, e);
}

export function settingsCaveat(e: DeprovisionEvidence, apps: AppEvidence[]): string[] {
  const unread = apps.filter((a) => !e.deletionSettings?.[a.app.spId]).map((a) => appName(a.app));
  return unread.length
    ? [`The deletion settings of ${unread.join(', ')} (skip out-of-scope deletions, accidental-deletions threshold) could not be read, so this answer cannot rule them out.`]
    : [];
}

export function diagnoseDeprovisioning(e: DeprovisionEvidence): Diagnosis {
  const who = e.principal?.displayName?.trim() || 'This user';
  const apps = appsConcerned(e);
  const findings = apps.flatMap((ev) => {
    const p = appPosition(e, ev, who);
    // Removed earlier and entitled again: incremental cycles do not notice the return (a known limit).
    const back = p.triggers.length === 0 ? backInScopeFinding(lastRemoval(p.entries), ev, who, e.now, []) : null;
    return [deprovisionFinding(p, e), ...(back ? [back] : [])];
  });
  const fallback = `${who} has no assignment and no provisioning log entry in the app asked about: there is nothing to remove.`;
  return withCaveats(diagnosis('deprovisioning', e.principal, findings, fallback), [...logsCaveat(e.logsUnavailable), ...settingsCaveat(e, apps)]);
}
