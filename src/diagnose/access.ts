// "When will Jane get access to Salesforce?": from the job's state, a time or range and what it depends on.
// Assigned and in scope? The initial cycle (Microsoft's estimate: 0.01–0.08 minutes per assigned user, group
// and member), the incremental interval (~40 min), a quarantine's slower retries; and "provision now" (under
// 30 s) as the fast path, with its limits. Pure.
import type { DeprovisionEvidence, Diagnosis, Fact, Finding, Remedy, Severity, Cause } from '../domain/types';
import { CAUSES, classifyEntry } from './causes';
import { appPosition, lastRemoval, nextCycleWords, type AppPosition } from './deprovisioning';
import { appName, diagnosis, logsCaveat, remedy, withCaveats } from './findings';
import { initialProgress, intervalMinutes, jobFacts, jobPhase, progressFacts } from './jobState';
import { backInScopeFinding, nestedGroupFinding } from './knownLimits';
import { objectMappingFor } from './mappings';
import { quarantineClock } from './quarantineClock';
import { appsConcerned } from './skipped';
import { formatWhen } from './time';

/** Microsoft's published initial-cycle estimate, minutes per assigned user, group and member. */
const MINUTES_PER_OBJECT = [0.01, 0.08] as const;

/** Apps that authorise with OAuth: provision on demand needs their job stopped first (Microsoft's on-demand limits). */
const OAUTH_APPS = /slack|\bbox\b|g ?suite|google|workplace/i;

function minutesRange(objects: number): string {
  const words = (min: number) => (min < 1 ? 'under a minute' : min < 90 ? `${Math.round(min)} min` : `${Math.round((min / 60) * 10) / 10} h`);
  const [lo, hi] = MINUTES_PER_OBJECT.map((m) => words(objects * m));
  return lo === hi ? lo : `${lo} to ${hi}`;
}

/** The fast path and its limits, said once per app. */
function onDemandWords(p: AppPosition, kind: 'user' | 'group'): string {
  const oauth = OAUTH_APPS.test(`${p.ev.job?.templateId ?? ''} ${appName(p.ev.app)}`);
  return (
    `Provision ${p.who} now: on demand takes under 30 seconds` +
    (kind === 'group' ? ' (a group with up to 5 members; larger groups wait for the cycle).' : ' (one user at a time).') +
    (oauth ? ` ${appName(p.ev.app)} authorises with OAuth: pause its provisioning before provisioning on demand, and start it again afterwards.` : '')
  );
}

function make(p: AppPosition, e: DeprovisionEvidence, cause: Cause, severity: Severity, title: string, explanation: string, fix: string[], remedies: Remedy[], extra: Fact[] = []): Finding {
  return { cause, severity, title, explanation, evidence: [...extra, ...jobFacts(p.ev.job, e.now)], fix, remedies, app: p.ev.app };
}

function onDemandRemedy(p: AppPosition, e: DeprovisionEvidence): Remedy[] {
  if (p.ev.schema && !objectMappingFor(p.ev.schema, e.principal.kind === 'group' ? 'Group' : 'User')) return [];
  const data = e.principal.kind === 'group' ? { groupId: e.principal.id } : { userId: e.principal.id };
  return [remedy('provisionOnDemand', `Provision ${p.who} now`, p.ev.app, { ...data, seenState: p.ev.job?.status?.code ?? undefined })];
}

function blocked(p: AppPosition, e: DeprovisionEvidence): Finding | null {
  const phase = jobPhase(p.ev.job);
  const reasons: string[] = [];
  if (['paused', 'disabled', 'never-run', 'not-configured'].includes(phase)) reasons.push(`${appName(p.ev.app)} provisioning is ${phase.replace('-', ' ')}`);
  if (p.triggers.includes('unassigned')) reasons.push(`${p.who} is not assigned to the app (directly or through a group they are a direct member of)`);
  if (p.triggers.includes('out-of-scope')) reasons.push(`${p.who} does not match the scoping filter`);
  if (p.triggers.includes('disabled-in-entra')) reasons.push(`${p.who} is disabled in Microsoft Entra ID`);
  if (!reasons.length) return null;
  return make(p, e, 'access-blocked', 'error', `${p.who} will not get access to ${appName(p.ev.app)} until something changes`,
    `No cycle will give ${p.who} access while ${reasons.join('; ')}.`,
    [
      `Ask “why was ${p.who} skipped in ${appName(p.ev.app)}?” for the cause and its fix.`,
      `Once fixed, the next cycle gives access (about every ${intervalMinutes(p.ev.job?.schedule?.interval) ?? 40} minutes), or provision on demand at once.`,
    ],
    []);
}

function fromLastEntry(p: AppPosition, e: DeprovisionEvidence): Finding | null {
  const entry = p.entries[0];
  if (!entry) return null;
  const reading = classifyEntry(entry);
  const when = formatWhen(entry.activityDateTime, e.now);
  if (reading.cause === 'provisioned' || reading.cause === 'redundant-export') {
    return make(p, e, 'access-has', 'ok', `${p.who} already has an account in ${appName(p.ev.app)}`,
      `The service last wrote ${p.who}’s account in ${appName(p.ev.app)} ${when}. If they still cannot sign in, the app’s own roles or licences decide, not provisioning.`, [], [],
      [{ label: 'Last log entry', value: `${when}, ${entry.provisioningAction ?? 'other'} ${reading.cause === 'redundant-export' ? '(already up to date)' : 'succeeded'}` }]);
  }
  if (!CAUSES[reading.cause].problem) return null;
  return make(p, e, 'access-blocked', 'warning', `The last cycle could not give ${p.who} access to ${appName(p.ev.app)}`,
    `The newest log entry for ${p.who} (${when}) says: ${CAUSES[reading.cause].group(reading, entry)}. The next cycles will do the same until that is fixed.`,
    [`Ask “why was ${p.who} skipped in ${appName(p.ev.app)}?” for the details and the fix.`, onDemandWords(p, e.principal.kind)],
    onDemandRemedy(p, e));
}

function byJobState(p: AppPosition, e: DeprovisionEvidence): Finding {
  const status = p.ev.job?.status;
  const phase = jobPhase(p.ev.job);
  if (phase === 'quarantine') {
    const clock = quarantineClock(status?.quarantine, e.now);
    return make(p, e, 'access-blocked', 'warning', `${appName(p.ev.app)} is in quarantine: access waits for its next retry or a fix`,
      `In quarantine the service retries only after 6, 12, 24 hours and then daily, so ${p.who} gets access at the next retry at the earliest` +
        (clock.nextRetry ? ` (${formatWhen(clock.nextRetry, e.now)}${clock.nextRetryEstimated ? ', estimated' : ''})` : '') + ', and only if its cause is gone.',
      ['Ask about the quarantine of this app for its cause; fix it, then clear the quarantine.', onDemandWords(p, e.principal.kind)],
      onDemandRemedy(p, e));
  }
  if (phase === 'initial-cycle') {
    const progress = initialProgress(status);
    const remaining = progress ? progress.total - progress.completed : status?.lastExecution?.countEntitled ?? undefined;
    return make(p, e, 'access-initial-cycle', 'info', `${p.who} gets access when ${appName(p.ev.app)}’s first cycle reaches them`,
      `The first cycle processes every assigned user, group and member; Microsoft estimates 0.01 to 0.08 minutes each. ` +
        (remaining
          ? `${remaining} ${progress?.units?.toLowerCase() || 'objects'} ${progress ? 'remain' : 'are in scope'}: by that estimate the cycle reaches everyone in ${minutesRange(remaining)}.`
          : 'This takes from 20 minutes to several hours depending on how many are in scope.') +
        ' It depends on the directory size, the app’s speed and throttling.',
      [onDemandWords(p, e.principal.kind)], onDemandRemedy(p, e), progressFacts(status, e.now));
  }
  const interval = intervalMinutes(p.ev.job?.schedule?.interval) ?? 40;
  return make(p, e, 'access-next-cycle', 'info', `${p.who} gets access to ${appName(p.ev.app)} in ${nextCycleWords(p, e.now)}`,
    `${p.who} is assigned and in scope, and no cycle has processed them yet. Incremental cycles run about every ${interval} minutes; a cycle with many changes takes longer.`,
    [onDemandWords(p, e.principal.kind)], onDemandRemedy(p, e));
}

export function diagnoseAccess(e: DeprovisionEvidence): Diagnosis {
  const who = e.principal?.displayName?.trim() || 'This user';
  const apps = appsConcerned(e);
  const findings: Finding[] = [];
  for (const ev of apps) {
    const p = appPosition(e, ev, who);
    const blocker = blocked(p, e);
    findings.push(blocker ?? backInScopeFinding(lastRemoval(p.entries), ev, who, e.now, onDemandRemedy(p, e)) ?? fromLastEntry(p, e) ?? byJobState(p, e));
    const limit = p.triggers.includes('unassigned') ? nestedGroupFinding(e, ev, who) : null;
    if (limit) findings.push(limit);
  }
  const fallback = `${who} is not assigned to any app with provisioning, and no provisioning log mentions them.`;
  return withCaveats(diagnosis('access', e.principal, findings, fallback), logsCaveat(e.logsUnavailable));
}
