// "Why was Jane skipped?": for each app concerned, read the principal's newest log entry and tell apart the
// causes Microsoft's guide lists (scoping filter, not assigned, not effectively entitled, a required or
// matching attribute empty, an export error, disabled in the source). With no entry, explain from the job,
// the assignments and the schema why nothing happened yet.
import type { AppEvidence, Finding, PrincipalTopicEvidence, Remedy, Fact, Diagnosis, Cause, Severity } from '../domain/types';
import type { AppRoleAssignment, ObjectMapping, ProvisioningObjectSummary } from '../graph/types';
import { quarantineFinding } from './appTopics';
import { classifyEntry, type EntryCause, type EntryReading } from './causes';
import { explainProvisioningError } from './errorCodes';
import { appName, serviceMessage, diagnosis, fact, logsCaveat, remedy, withCaveats } from './findings';
import { managerReferenceFinding, nestedGroupFinding, scopingLimitCaveats } from './knownLimits';
import { inInitialCycle, intervalMinutes, jobFacts, jobPhase, nextCycleAt, progressFacts } from './jobState';
import { describeSource, mappingForTarget, matchingMappings, objectMappingFor, sourceAttributesOf } from './mappings';
import {
  entryDescription,
  entryDetail,
  entryError,
  entryStatus,
  scopeEvaluationResult,
  skipReason,
  type LoggedClause,
} from './readLog';
import { evaluateScope, type ClauseEvaluation } from './scoping';
import { graphPropertyOf, readSourceAttribute, readSourceValues } from './sourceAttributes';
import { formatUtc, formatWhen, parseTime } from './time';

interface Context {
  e: PrincipalTopicEvidence;
  ev: AppEvidence;
  who: string;
  objectMapping: ObjectMapping | undefined;
  assignments: AppRoleAssignment[];
  entry?: ProvisioningObjectSummary;
}

const lower = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

export function entriesFor(e: PrincipalTopicEvidence, ev: AppEvidence): ProvisioningObjectSummary[] {
  return (e.logs ?? [])
    .filter((l) => l && (lower(l.servicePrincipal?.id) === lower(ev.app.spId) || (!!l.jobId && lower(l.jobId) === lower(ev.app.jobId))))
    .sort((a, b) => (parseTime(b.activityDateTime) ?? 0) - (parseTime(a.activityDateTime) ?? 0));
}

export function assignmentsFor(e: PrincipalTopicEvidence, ev: AppEvidence): AppRoleAssignment[] {
  return (e.assignments ?? []).filter((a) => a && lower(a.resourceId) === lower(ev.app.spId) && !a.deletedDateTime);
}

/** Apps to look at: the one named, else those the principal's logs or assignments mention (else all given). */
export function appsConcerned(e: PrincipalTopicEvidence): AppEvidence[] {
  const apps = (e.apps ?? []).filter((a) => a?.app?.spId);
  if (e.focusAppSpId) return apps.filter((a) => lower(a.app.spId) === lower(e.focusAppSpId));
  const related = apps.filter((a) => entriesFor(e, a).length > 0 || assignmentsFor(e, a).length > 0);
  return related.length ? related : apps;
}

function principalData(c: Context, extra: { seenState?: string } = {}) {
  const p = c.e.principal;
  return p.kind === 'group' ? { groupId: p.id, ...extra } : { userId: p.id, ...extra };
}

/** "Provision now", unless the app's schema has no rule for this kind of object (then no button can work). */
function onDemand(c: Context, title = `Provision ${c.who} now`): Remedy[] {
  if (c.ev.schema && !objectMappingFor(c.ev.schema, c.e.principal.kind === 'group' ? 'Group' : 'User')) return [];
  return [remedy('provisionOnDemand', title, c.ev.app, principalData(c, { seenState: c.ev.job?.status?.code ?? undefined }))];
}

function entryFacts(c: Context): Fact[] {
  const entry = c.entry;
  if (!entry) return [];
  const status = entryStatus(entry);
  const action = lower(entry.provisioningAction);
  return [
    { label: 'Last log entry', value: `${formatWhen(entry.activityDateTime, c.e.now)}, ${status}${action && action !== 'other' ? ` (${action})` : ''}` },
    ...fact('Skip reason', skipReason(entry)),
    ...fact('Service said', serviceMessage(entryDescription(entry))),
  ];
}

function assignmentFacts(c: Context): Fact[] {
  if (c.assignments.length === 0) return [{ label: 'Assignment', value: `none to ${appName(c.ev.app)}` }];
  return c.assignments.map((a) => ({
    label: 'Assignment',
    value: lower(a.principalId) === lower(c.e.principal.id) ? 'direct' : `through group ${a.principalDisplayName ?? a.principalId}`,
  }));
}

function make(c: Context, cause: Cause, severity: Severity, title: string, explanation: string, evidence: Fact[], fix: string[], remedies: Remedy[] = []): Finding {
  return { cause, severity, title, explanation, evidence: [...entryFacts(c), ...evidence], fix, remedies, app: c.ev.app };
}

const objectOf = (c: Context) => (c.e.directoryObject ?? {}) as Record<string, unknown>;

/** The user's value for a source attribute, named as the filter names it (and as Graph does, where that differs). */
function valueFact(c: Context, attribute: string): Fact {
  const read = readSourceValues(objectOf(c), attribute);
  const graphName = graphPropertyOf(attribute);
  const label = graphName ? `${attribute} (${graphName} in Graph)` : attribute;
  if (!('values' in read)) return { label, value: '(cannot be read from Graph)' };
  return { label, value: read.values.length ? read.values.map((v) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v))).join(', ') : '(empty)' };
}

// ---- causes -------------------------------------------------------------------------------------------

function notAssigned(c: Context): Finding {
  const kind = c.e.principal.kind;
  return make(c, 'not-assigned', 'error', `${c.who} is not assigned to ${appName(c.ev.app)}`,
    `Only users and groups assigned to the app are provisioned (unless the app is set to sync all users). ${c.who} has no assignment to it${kind === 'user' ? ', directly or through a group they are a direct member of' : ''}. Assignments through nested groups do not count.`,
    assignmentFacts(c),
    [
      `Open Enterprise applications → ${appName(c.ev.app)} → Users and groups → Add user/group.`,
      `Select ${c.who}${kind === 'user' ? ' (or a group they are a direct member of)' : ''} and a role, then Assign.`,
      'Wait a few minutes for the assignment to replicate, then provision on demand or wait for the next cycle.',
    ]);
}

function roleNotProvisioned(c: Context): Finding {
  const roles = [...new Set(c.assignments.map((a) => a.appRoleId).filter(Boolean))];
  return make(c, 'role-not-provisioned', 'error', `${c.who} is assigned to ${appName(c.ev.app)} without a role it provisions`,
    `The service checked the assignment and reported “User has the required role: False”: ${c.who} is assigned, but with a role this app’s provisioning does not use (for many apps the role “Default Access” is not provisioned).`,
    [...assignmentFacts(c), ...roles.map((r) => ({ label: 'Assigned role id', value: String(r) }))],
    [
      `Open Enterprise applications → ${appName(c.ev.app)} → Users and groups, and give ${c.who} (or their group) one of the app’s own roles instead of Default Access.`,
      'Then provision on demand.',
    ],
    onDemand(c, `Provision ${c.who} now (after the fix)`));
}

function failedClauseFacts(c: Context, clauses: Array<{ clause: string; attribute: string }>): Fact[] {
  const facts: Fact[] = [];
  const seen = new Set<string>();
  for (const clause of clauses) {
    facts.push({ label: 'Clause', value: clause.clause });
    if (clause.attribute && !seen.has(lower(clause.attribute))) {
      seen.add(lower(clause.attribute));
      facts.push(valueFact(c, clause.attribute));
    }
  }
  return facts;
}

const attributeOfClause = (clause: string) => /^([A-Za-z][\w]*)\s/.exec(clause.trim())?.[1] ?? '';

/** The failed clauses: from the log's ScopeEvaluationResult when it has them, else by evaluating the schema. */
function failedClauses(c: Context): { clauses: Array<{ clause: string; attribute: string; note?: string }>; source: 'log' | 'schema' } {
  const logged: LoggedClause[] = scopeEvaluationResult(c.entry) ?? [];
  const failedInLog = logged.filter((l) => !l.passed);
  if (failedInLog.length) return { clauses: failedInLog.map((l) => ({ clause: l.clause, attribute: attributeOfClause(l.clause) })), source: 'log' };
  const evaluation = evaluateScope(c.objectMapping?.scope, objectOf(c));
  // A clause Graph cannot check is never reported as failed (its note says so).
  const failed: ClauseEvaluation[] = evaluation.groups.flatMap((g) => g.clauses.filter((cl) => !cl.passed && !cl.unknown));
  return { clauses: failed, source: 'schema' };
}

function scopingFilter(c: Context): Finding {
  const { clauses, source } = failedClauses(c);
  const notes = clauses.map((cl) => cl.note).filter((n): n is string => !!n);
  const attrs = [...new Set(clauses.map((cl) => cl.attribute).filter(Boolean))];
  const mappingName = c.objectMapping?.name ? ` on the “${c.objectMapping.name}” mapping` : '';
  return make(c, 'scoping-filter', 'warning', `${c.who} was left out of ${appName(c.ev.app)} by a scoping filter`,
    `A scoping filter${mappingName} decides who is provisioned: a user must match every clause of at least one filter group. ${c.who} does not match` +
      (clauses.length ? ` (${source === 'log' ? 'as the provisioning log reports' : 'checked against the current attribute values'}).` : '.') +
      (notes.length ? ` ${notes.join(' ')}` : ''),
    failedClauseFacts(c, clauses),
    [
      `If ${c.who} should be provisioned, change ${attrs.length ? attrs.map((a) => (graphPropertyOf(a) ? `${graphPropertyOf(a)} (${a} in the filter)` : a)).join(', ') : 'their attributes'} so the filter matches, ` +
        `or edit the filter: ${appName(c.ev.app)} → Provisioning → Mappings → the ${c.e.principal.kind === 'group' ? 'group' : 'user'} mapping → Source object scope.`,
      'Then provision on demand.',
    ],
    onDemand(c, `Provision ${c.who} now (after the fix)`));
}

/** Scoping clauses on attributes Graph cannot give (manager, unknown names): never counted as failed. */
function uncheckableClauses(c: Context): string[] {
  return evaluateScope(c.objectMapping?.scope, objectOf(c)).groups.flatMap((g) => g.clauses.filter((cl) => cl.unknown).map((cl) => cl.clause));
}

/** Said wherever "nothing blocks them" would otherwise overlook a clause Graph cannot check. */
function uncheckableNote(c: Context): string {
  const unknown = uncheckableClauses(c);
  return unknown.length ? ` The scoping filter also has a clause I cannot check from Graph (${unknown.join('; ')}); if ${c.who} does not match it, the filter keeps them out.` : '';
}

function inferredNote(c: Context): string {
  const unknown = uncheckableClauses(c);
  return unknown.length
    ? ` (The log did not say which check failed. The scoping filter has a clause I cannot check from Graph — ${unknown.join('; ')}; if ${c.who} does not match it, the filter is the cause instead.)`
    : ' (The log did not say which check failed; the assignment exists and the scoping filter passes, which leaves this cause.)';
}

function notEffectivelyEntitled(c: Context, inferred: boolean): Finding {
  const assignment = c.assignments[0];
  const viaGroup = assignment && lower(assignment.principalId) !== lower(c.e.principal.id);
  return make(c, 'not-effectively-entitled', 'error', `${c.who} is assigned to ${appName(c.ev.app)} but not effectively entitled`,
    `${c.who} is assigned and in scope, yet the service does not count the assignment (“not effectively entitled”). ` +
      'This happens when the assignment record is in a bad state. Removing the assignment and adding it back with the same app role repairs it.' +
      (inferred ? inferredNote(c) : ''),
    [...assignmentFacts(c), ...fact('IsEffectivelyEntitledForProvisioning', entryDetail(c.entry, 'IsEffectivelyEntitledForProvisioning'))],
    [
      viaGroup
        ? `Remove the assignment of group ${assignment.principalDisplayName ?? assignment.principalId} from ${appName(c.ev.app)} and add it back with the same role.`
        : `Remove ${c.who}’s assignment from ${appName(c.ev.app)} and add it back with the same role.`,
      'Wait a few minutes for replication, then provision on demand.',
    ],
    [
      remedy('reassignUser', `Reassign ${c.who}`, c.ev.app, principalData(c, { seenState: assignment?.id })),
      ...onDemand(c),
    ]);
}

function disabledInSource(c: Context): Finding {
  return make(c, 'disabled-in-source', 'warning', `${c.who} is disabled in Microsoft Entra ID`,
    `The service treats ${c.who} as inactive in the source, so no active account is created or updated in ${appName(c.ev.app)}.`,
    [...fact('Active in the source', entryDetail(c.entry, 'IsActive') ?? entryDetail(c.entry, 'Active in the source system')), valueFact(c, 'accountEnabled')],
    [`If ${c.who} should have access, enable the account (accountEnabled), then provision on demand.`],
    onDemand(c, `Provision ${c.who} now (after the fix)`));
}

/** Mappings fed only by source attributes that are empty on this object (candidates when the error names none). */
function emptyMappedAttributes(c: Context): Array<{ target: string; sources: string[] }> {
  return (c.objectMapping?.attributeMappings ?? [])
    .map((m) => ({ target: m.targetAttributeName, sources: sourceAttributesOf(m) }))
    .filter((m) => m.target && m.sources.length > 0 && m.sources.every((s) => readSourceAttribute(objectOf(c), s) === null));
}

function requiredAttributeEmpty(c: Context, attribute: string | undefined, errorFacts: Fact[]): Finding {
  const mapping = attribute ? mappingForTarget(c.objectMapping, attribute) : undefined;
  const sources = mapping ? sourceAttributesOf(mapping) : [];
  const candidates = attribute ? [] : emptyMappedAttributes(c);
  const evidence: Fact[] = [
    ...fact('Target attribute', mapping?.targetAttributeName ?? attribute),
    ...(mapping ? fact('Filled from', describeSource(mapping)) : []),
    ...sources.map((s) => valueFact(c, s)),
    ...candidates.map((m) => ({ label: 'Empty mapped attribute', value: `${m.sources.join(', ')} → ${m.target}` })),
    ...errorFacts,
  ];
  const sourceWords = sources.length ? sources.join(', ') : candidates.length ? [...new Set(candidates.flatMap((m) => m.sources))].join(', ') : undefined;
  return make(c, 'required-attribute-empty', 'error',
    `${c.who} was not provisioned to ${appName(c.ev.app)}: ${attribute ? `${attribute} is required but empty` : 'a required attribute is empty'}`,
    `${appName(c.ev.app)} requires ${attribute ?? 'an attribute'} for every account${mapping ? `, and the mapping fills it from ${describeSource(mapping)}` : ''}. ${c.who} has no value there, so the account could not be written.`,
    evidence,
    [
      sourceWords ? `Fill in ${sourceWords} for ${c.who} in Microsoft Entra ID (or in on-premises AD if the account syncs from there).` : `Fill in the missing attribute for ${c.who}.`,
      'Or change the mapping in Provisioning → Mappings to use a source that is always filled, or give it a default value.',
      'Then provision on demand.',
    ],
    onDemand(c, `Provision ${c.who} now (after the fix)`));
}

function matchingAttributeEmpty(c: Context, errorFacts: Fact[]): Finding {
  const mapping = matchingMappings(c.objectMapping)[0];
  const sources = mapping ? sourceAttributesOf(mapping) : [];
  return make(c, 'matching-attribute-empty', 'error', `${c.who} could not be matched in ${appName(c.ev.app)}: the matching attribute is empty`,
    `The service finds the ${c.e.principal.kind} in ${appName(c.ev.app)} by ${mapping ? `${mapping.targetAttributeName} (matching precedence 1, filled from ${describeSource(mapping)})` : 'its matching attribute'}. ${c.who} has no value there, so it was skipped.`,
    [...fact('Matching attribute', mapping?.targetAttributeName), ...sources.map((s) => valueFact(c, s)), ...errorFacts],
    [
      sources.length ? `Give ${c.who} a value for ${sources.join(', ')}.` : `Give ${c.who} a value for the matching attribute.`,
      'Or choose another matching attribute in Provisioning → Mappings.',
      'Then provision on demand.',
    ],
    onDemand(c, `Provision ${c.who} now (after the fix)`));
}

function matchingValueEmpty(c: Context): boolean {
  const mapping = matchingMappings(c.objectMapping)[0];
  const sources = mapping ? sourceAttributesOf(mapping) : [];
  return sources.length > 0 && sources.every((s) => readSourceAttribute(objectOf(c), s) === null);
}

function errorFactsOf(entry: ProvisioningObjectSummary | undefined): Fact[] {
  const error = entryError(entry);
  return [...fact('Error code', error?.errorCode ?? undefined), ...fact('Error', serviceMessage(error?.reason))];
}

function exportFailed(c: Context): Finding {
  const explained = explainProvisioningError(entryError(c.entry), c.objectMapping);
  return make(c, 'export-failed', 'error', `${c.who} could not be provisioned to ${appName(c.ev.app)}: ${explained.title}`,
    explained.explanation, errorFactsOf(c.entry), explained.fix, onDemand(c, `Provision ${c.who} now (after the fix)`));
}

/** The account in the target, by name, or by its id where the entry leaves the name empty (as Graph's examples do). */
const targetAccount = (entry: ProvisioningObjectSummary) => fact('Account in target', entry.targetIdentity?.displayName || entry.targetIdentity?.id || undefined);

function provisioned(c: Context): Finding {
  const entry = c.entry as ProvisioningObjectSummary;
  const action = lower(entry.provisioningAction);
  const verb: Record<string, string> = { create: 'created', update: 'updated' };
  const done = verb[action] ?? 'processed';
  // Provisioned then, but no longer assigned: "OK" would hide that the next cycle takes the account away.
  if (c.assignments.length === 0) {
    return make(c, 'provisioned', 'warning', `${c.who} was provisioned to ${appName(c.ev.app)}, but is no longer assigned to it`,
      `The last cycle that saw ${c.who} ${done} the account in ${appName(c.ev.app)} on ${formatUtc(entry.activityDateTime)}. ${c.who} has no assignment to the app now (directly or through a group they are a direct member of), so unless ${appName(c.ev.app)} syncs all users or skips out-of-scope deletions, the next cycle disables the account.`,
      [...assignmentFacts(c), ...targetAccount(entry)], []);
  }
  return make(c, 'provisioned', 'ok', `${c.who} was provisioned to ${appName(c.ev.app)}`,
    `The last cycle that saw ${c.who} ${done} the account in ${appName(c.ev.app)} on ${formatUtc(entry.activityDateTime)}.`, [...targetAccount(entry)], []);
}

/** The last cycle removed the account (disabled, deleted, or marked for deletion): not provisioned, whatever the status says. */
function removed(c: Context): Finding {
  const entry = c.entry as ProvisioningObjectSummary;
  const action = lower(entry.provisioningAction);
  const done = action === 'delete' ? 'deleted' : action === 'stageddelete' ? 'marked for deletion' : 'disabled';
  const where = action === 'delete' ? `from ${appName(c.ev.app)}` : `in ${appName(c.ev.app)}`;
  return make(c, 'deprovisioned', 'info', `${c.who}’s account was ${done} ${where}`,
    `The last cycle that saw ${c.who} ${done} the account ${where} on ${formatUtc(entry.activityDateTime)}. The service does that when ${c.who} is no longer assigned to the app, falls outside its scoping filter, or is disabled or deleted in Microsoft Entra ID.`,
    [...assignmentFacts(c), ...targetAccount(entry)],
    c.assignments.length
      ? [`If ${c.who} should have access, check the scoping filter and ${c.who}’s account in Microsoft Entra ID, then provision on demand.`]
      : [`If ${c.who} should have access, assign ${c.who} to ${appName(c.ev.app)} again, then provision on demand.`],
    // Provisioning someone who is not assigned only repeats the removal.
    c.assignments.length ? onDemand(c, `Provision ${c.who} now`) : []);
}

function skippedOther(c: Context): Finding {
  return make(c, 'skipped-other', 'warning', `${c.who} was skipped by ${appName(c.ev.app)} provisioning`,
    `The service skipped ${c.who}${skipReason(c.entry) ? ` with the reason ${skipReason(c.entry)}` : ''} and gave no sign of a scoping filter, missing assignment or empty attribute.`,
    [...assignmentFacts(c), ...errorFactsOf(c.entry)],
    ['Read the full entry in the provisioning logs.', 'Provision on demand to see each step for this user.'],
    onDemand(c));
}

// ---- reading the newest entry ---------------------------------------------------------------------------

function redundantExport(c: Context): Finding {
  return make(c, 'redundant-export', 'ok', `${c.who} is already up to date in ${appName(c.ev.app)}`,
    `The account in ${appName(c.ev.app)} already matches Microsoft Entra ID (RedundantExport), so there was nothing to send. This is not a problem.`, [], []);
}

/** One finding per cause of the table (causes.ts); the compiler checks none is missing. */
const FINDING: Record<EntryCause, (c: Context) => Finding> = {
  provisioned,
  deprovisioned: removed,
  'redundant-export': redundantExport,
  'not-assigned': notAssigned,
  'role-not-provisioned': roleNotProvisioned,
  'scoping-filter': scopingFilter,
  'not-effectively-entitled': (c) => notEffectivelyEntitled(c, false),
  'disabled-in-source': disabledInSource,
  'matching-attribute-empty': (c) => matchingAttributeEmpty(c, errorFactsOf(c.entry)),
  'required-attribute-empty': (c) => requiredAttributeEmpty(c, explainProvisioningError(entryError(c.entry), c.objectMapping).attribute, errorFactsOf(c.entry)),
  'export-failed': exportFailed,
  'skipped-other': skippedOther,
};

/** The entry's cause, settled with what one person's diagnosis also knows: the assignments, scope and values. */
function settledCause(c: Context, reading: EntryReading): EntryCause {
  const vague = reading.cause === 'skipped-other' || reading.unclear;
  if (vague && matchingValueEmpty(c)) return 'matching-attribute-empty';
  if (!reading.unclear) return reading.cause;
  if (c.assignments.length === 0) return 'not-assigned';
  if (reading.cause === 'role-not-provisioned') return reading.cause;
  // The log said only NotEffectivelyEntitled: decide which of its three causes from assignments and schema.
  if (!evaluateScope(c.objectMapping?.scope, objectOf(c)).inScope) return 'scoping-filter';
  return 'not-effectively-entitled';
}

function fromEntry(c: Context): Finding {
  const reading = classifyEntry(c.entry as ProvisioningObjectSummary);
  const cause = settledCause(c, reading);
  return cause === 'not-effectively-entitled' && reading.unclear ? notEffectivelyEntitled(c, true) : FINDING[cause](c);
}

// ---- no entry: explain why nothing happened yet -----------------------------------------------------------

function appNotRunning(c: Context): Finding | null {
  const phase = jobPhase(c.ev.job);
  const seen = { seenState: c.ev.job?.status?.code ?? undefined };
  const words: Partial<Record<typeof phase, string>> = {
    'not-configured': 'provisioning is not configured for this app',
    disabled: 'provisioning is disabled for this app (the service disables a job after four weeks in quarantine)',
    quarantine: 'provisioning for this app is in quarantine, so cycles run rarely (about once a day)',
    paused: 'provisioning for this app is paused',
    'never-run': 'provisioning for this app has never run',
  };
  const why = words[phase];
  if (!why) return null;
  // In quarantine, the quarantine's own fix: credentials, failed users or held-back deletions each differ.
  const quarantine = phase === 'quarantine' ? quarantineFinding({ now: c.e.now, app: c.ev }) : null;
  const remedies: Remedy[] = quarantine
    ? quarantine.remedies
    : phase === 'not-configured'
      ? []
      : [remedy('startProvisioning', 'Start provisioning', c.ev.app, seen)];
  return make(c, 'app-not-running', 'error', `${appName(c.ev.app)} provisioning is not running, so ${c.who} was not processed`,
    `Nobody is being provisioned: ${why}.`,
    [...jobFacts(c.ev.job, c.e.now), ...fact('Quarantine reason', c.ev.job?.status?.quarantine?.reason ?? undefined)],
    quarantine
      ? [`${quarantine.title}.`, ...quarantine.fix]
      : phase === 'not-configured'
        ? ['Configure provisioning for the app (Provisioning → Admin credentials, mappings), then turn it on.']
        : ['Start provisioning; the next cycle will pick up ' + c.who + '.'],
    remedies);
}

function notYetProcessed(c: Context): Finding {
  const status = c.ev.job?.status;
  if (inInitialCycle(status)) {
    return make(c, 'initial-cycle-running', 'info', `${appName(c.ev.app)} is still running its first cycle and has not reached ${c.who} yet`,
      `The first cycle can take from 20 minutes to several hours, depending on how many users and groups are in scope. Later cycles are incremental (watermarks), about every 40 minutes.${uncheckableNote(c)}`,
      [...jobFacts(c.ev.job, c.e.now), ...progressFacts(status, c.e.now), ...assignmentFacts(c)],
      ['Wait for the first cycle to finish, or provision on demand now.'], onDemand(c));
  }
  const interval = intervalMinutes(c.ev.job?.schedule?.interval) ?? 40;
  const next = nextCycleAt(c.ev.job, c.e.now);
  const blind = !!c.e.logsUnavailable;
  return make(c, 'not-yet-processed', 'info', blind ? `Nothing blocks ${c.who} in ${appName(c.ev.app)}` : `${appName(c.ev.app)} has not processed ${c.who} yet`,
    (blind
      ? `${c.who} is assigned and in scope, and the job runs; without the provisioning logs I cannot see what the last cycle did with them.`
      : `There is no provisioning log entry for ${c.who} in ${appName(c.ev.app)}, and nothing blocks them: they are assigned and in scope.`) +
      ` Changes are picked up by the next cycle (about every ${interval} minutes).${uncheckableNote(c)}`,
    [
      { label: 'Log entries', value: blind ? 'could not be read' : 'none' },
      ...assignmentFacts(c),
      ...jobFacts(c.ev.job, c.e.now),
      ...fact('Next cycle expected', next ? formatWhen(next, c.e.now) : undefined),
    ],
    [`Provision ${c.who} on demand now, or wait for the next cycle.`], onDemand(c));
}

function withoutEntry(c: Context): Finding[] {
  const blockers: Finding[] = [];
  const stopped = appNotRunning(c);
  if (stopped) blockers.push(stopped);
  if (c.assignments.length === 0) blockers.push(notAssigned(c));
  else if (!evaluateScope(c.objectMapping?.scope, objectOf(c)).inScope) blockers.push(scopingFilter(c));
  return blockers.length ? blockers : [notYetProcessed(c)];
}

// ---- entry point ----------------------------------------------------------------------------------------

export function diagnoseSkipped(e: PrincipalTopicEvidence): Diagnosis {
  const who = e.principal?.displayName?.trim() || 'This user';
  const limits: string[] = [];
  // Asked without an app: the apps the person is assigned to come first. Being unassigned from an app is
  // how most apps stand for most people; a first cycle's "not assigned" skip is no answer to "why was nina
  // skipped?" when a filter keeps her out of the app she is assigned to.
  const perApp: Array<{ assigned: boolean; findings: Finding[] }> = [];
  for (const ev of appsConcerned(e)) {
    const findings: Finding[] = [];
    perApp.push({ assigned: assignmentsFor(e, ev).length > 0, findings });
    const entry = entriesFor(e, ev)[0];
    const c: Context = {
      e,
      ev,
      who,
      objectMapping: objectMappingFor(ev.schema, e.principal?.kind === 'group' ? 'Group' : 'User'),
      assignments: assignmentsFor(e, ev),
      entry,
    };
    limits.push(...scopingLimitCaveats(c.objectMapping, ev));
    if (!entry) {
      const found = withoutEntry(c);
      findings.push(...found, ...knownLimitFindings(c, found));
      continue;
    }
    const found = fromEntry(c);
    findings.push(found, ...knownLimitFindings(c, [found]));
    // An old entry and a job that has stopped since: the stop is why nothing newer happened.
    const stopped = appNotRunning(c);
    if (stopped) findings.push(stopped);
  }
  const findings = [...perApp.filter((a) => a.assigned), ...perApp.filter((a) => !a.assigned)].flatMap((a) => a.findings);
  const fallback = e.focusAppSpId
    ? `No provisioning data was found for ${who} in the app asked about.`
    : `${who} is not assigned to any app with provisioning, and no provisioning log mentions them.`;
  return withCaveats(diagnosis('skipped', e.principal, findings, fallback), [...logsCaveat(e.logsUnavailable), ...limits]);
}

/**
 * "what apps is ravi assigned to?": the apps with provisioning the person is assigned to, named in the headline,
 * with where they stand in each (the worst first), as one person's answer across apps gives it.
 */
export function diagnosePersonApps(e: PrincipalTopicEvidence): Diagnosis {
  const who = e.principal?.displayName?.trim() || 'This user';
  const evidence = { ...e, focusAppSpId: undefined };
  const read = appsConcerned(evidence).filter((a) => assignmentsFor(evidence, a).length > 0);
  const assigned = read.map((a) => a.app.displayName);
  // Assignments to apps not read (no provisioning, or past the apps one question reads): counted, not named.
  const others = new Set(e.assignments.map((a) => a.resourceId.toLowerCase()).filter((id) => !read.some((r) => r.app.spId.toLowerCase() === id))).size;
  const summary = assigned.length
    ? `${who} is assigned to ${assigned.length === 1 ? 'one app' : `${assigned.length} apps`} with provisioning: ${assigned.join(', ')}`
    : others
      ? `${who} is assigned to no app whose provisioning I read`
      : `${who} is assigned to no app with provisioning`;
  const skipped = diagnoseSkipped(evidence);
  // The headline names the apps, not a finding: each finding's explanation says which app and what it found.
  const d = skipped.findings.length > 1 ? { ...skipped, findings: skipped.findings.map((f) => ({ ...f, explanation: `${f.title}. ${f.explanation}` })) } : skipped;
  const note = others ? [`${who} has ${others === 1 ? 'one more app assignment' : `${others} more app assignments`} not shown here: apps without provisioning, or more apps than one answer reads.`] : [];
  return { ...d, topic: 'access', summary, ...(note.length ? { caveats: [...(d.caveats ?? []), ...note] } : {}) };
}

/** The service's known limits that explain this case (nested groups, the manager reference), after its finding. */
function knownLimitFindings(c: Context, found: Finding[]): Finding[] {
  const notAssignedHere = found.some((f) => f.cause === 'not-assigned');
  return [notAssignedHere ? nestedGroupFinding(c.e, c.ev, c.who) : null, managerReferenceFinding(c.entry, c.ev, c.who)].filter((f): f is Finding => !!f);
}

