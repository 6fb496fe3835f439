// The alert card, an incident rather than an answer: "⚠ ServiceNow went into quarantine 27 min ago", three
// facts, the fix buttons and a mute button; the rest of the diagnosis behind Details.
import { diagnose } from '../diagnose';
import { remedy } from '../diagnose/findings';
import { isQuarantined } from '../diagnose/jobState';
import { formatRelative } from '../diagnose/time';
import type { AppEvidence, Diagnosis, Fact, Finding, Topic } from '../domain/types';
import { renderDiagnosis, type AdaptiveCard } from '../render';
import type { Incident, IncidentKind } from './incidents';

export const MUTE_VERB = 'muteAlerts';
export const MUTE_HOURS = 24;

const TOPIC: Record<IncidentKind, Topic> = {
  quarantine: 'quarantine',
  deletions: 'quarantine',
  stalled: 'status',
  'slow-cycle': 'status',
  failing: 'status',
  'escrow-rising': 'status',
  paused: 'not-started',
  disabled: 'not-started',
};

const WHAT_HAPPENED: Record<IncidentKind, string> = {
  quarantine: 'went into quarantine',
  deletions: 'was stopped by the accidental-deletions threshold',
  stalled: 'has finished no cycle for hours',
  'slow-cycle': 'ran a cycle much slower than usual',
  failing: 'provisioning is failing',
  'escrow-rising': 'failures are rising toward quarantine',
  paused: 'provisioning was paused',
  disabled: 'provisioning was disabled',
};

/**
 * "⚠ ServiceNow went into quarantine 27 min ago" (without the time when the job does not say when). A channel
 * alert is read by people in many time zones, so its times stay UTC, with how long ago.
 */
export function incidentHeadline(incident: Incident, now: Date): string {
  const name = incident.app.displayName || 'An app';
  const ago = formatRelative(incident.since, now.toISOString());
  return `⚠ ${name} ${WHAT_HAPPENED[incident.kind] ?? 'needs attention'}${ago && ago.endsWith('ago') ? ` ${ago}` : ''}`;
}

/** The facts a quarantine alert shows first: why, when it is tried again, and how long until the job is disabled. */
const QUARANTINE_KEY_FACTS = ['Reason', 'Next retry', 'Job disabled if still in quarantine'];

/**
 * Signals the status diagnosis cannot see (it reads one status, not the job's history): the alert says what
 * was observed, in place of a "healthy" verdict that would contradict it.
 */
const SIGNAL: Partial<Record<IncidentKind, { cause: Finding['cause']; explanation: string; fix: string[] }>> = {
  stalled: {
    cause: 'app-not-running',
    explanation:
      'The job is active but no provisioning cycle has finished for longer than it should: changes in Entra ID are not reaching the app. The service may be stuck on a long cycle, or unable to reach the app.',
    fix: ['Test the connection to see whether the app answers.', 'Open the provisioning logs for the last hours: no entries confirm the stall.', 'If the job stays stuck, restart provisioning.'],
  },
  // The spike before the threshold (a stopped job is a quarantine and gets the quarantine diagnosis).
  deletions: {
    cause: 'running',
    explanation:
      'Most of what the last cycle did was disabling or deleting accounts in the app. That is right after people left or were unassigned on purpose; after a scoping filter, group or assignment was removed by mistake it is an accidental mass deletion, which the accidental-deletions threshold stops only once it is passed.',
    fix: [
      'Open the provisioning logs for this app, filtered on action Delete and Disable, and check who was removed.',
      'If it was a mistake, pause provisioning now and undo the scoping or assignment change, then start it again.',
    ],
  },
  'slow-cycle': {
    cause: 'running',
    explanation:
      'The last cycle took several times as long as the cycles before it. Often many changes arrived at once (a large group assigned, a mapping changed) or the app answered slowly; a full cycle after a restart is slow too.',
    fix: ['Check what changed in the assignments or mappings around the time the cycle began.', 'Open the provisioning logs for that cycle and look for many updates or slow app responses.'],
  },
};

/** The diagnosis for an incident, led by the signal it was raised for. */
function incidentDiagnosis(incident: Incident, app: AppEvidence, now: Date): Diagnosis {
  const diagnosis = diagnose(TOPIC[incident.kind], { now: now.toISOString(), app });
  const [lead, ...rest] = diagnosis.findings;
  if (!lead) return diagnosis;
  const signal = incident.kind === 'deletions' && isQuarantined(app.job) ? undefined : SIGNAL[incident.kind];
  if (signal) {
    const seen = { seenState: app.job.status?.code ?? '' };
    const finding: Finding = {
      ...lead,
      ...signal,
      severity: 'warning',
      title: incident.summary,
      remedies:
        incident.kind === 'deletions'
          ? [remedy('pauseProvisioning', 'Pause provisioning', app.app, seen)]
          : [remedy('testConnection', 'Test connection', app.app, seen), remedy('restartProvisioning', 'Restart provisioning', app.app, seen)],
    };
    return { ...diagnosis, summary: incident.summary, findings: [finding] };
  }
  if (incident.kind === 'quarantine' || incident.kind === 'deletions') {
    return { ...diagnosis, findings: [{ ...lead, evidence: firstThese(lead.evidence, QUARANTINE_KEY_FACTS) }, ...rest] };
  }
  return diagnosis;
}

function firstThese(facts: Fact[], labels: string[]): Fact[] {
  const rank = (f: Fact) => (labels.includes(f.label) ? labels.indexOf(f.label) : labels.length);
  return [...facts].sort((a, b) => rank(a) - rank(b));
}

export function alertCard(incident: Incident, app: AppEvidence, now: Date): AdaptiveCard {
  const diagnosis = incidentDiagnosis(incident, app, now);
  return renderDiagnosis(diagnosis, {
    headline: incidentHeadline(incident, now),
    keyFacts: 3,
    extraButtons: [
      { title: `Mute alerts for ${MUTE_HOURS} h`, verb: MUTE_VERB, data: { spId: app.app.spId, appName: app.app.displayName, hours: MUTE_HOURS } },
    ],
  }).card;
}
