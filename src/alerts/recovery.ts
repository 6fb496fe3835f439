// What an alert thread shows when its incident is over: the card turned "resolved" and a one-line reply.
import { formatDuration, formatUtc } from '../diagnose/time';
import { INCIDENT_RANK, type Incident, type IncidentKind } from './incidents';
import type { IncidentRecord } from './incidentStore';

const OVER: Record<IncidentKind, string> = {
  quarantine: 'is out of quarantine',
  deletions: 'is no longer stopped for, or busy with, mass deletions',
  stalled: 'finished a cycle again',
  'slow-cycle': 'ran a cycle in its usual time again',
  failing: 'is no longer failing',
  'escrow-rising': 'is back below the escrow warning level',
  paused: 'is running again',
  disabled: 'is enabled again',
};

/** "✅ Resolved: ServiceNow provisioning is out of quarantine (after 2 h 5 min)." plus what replaced it, if anything. */
export function recoveryText(record: IncidentRecord, now: Date, successor?: Incident): string {
  const took = formatDuration(record.openedAt, now.toISOString());
  const name = record.incident.app.displayName || record.incident.app.spId;
  // A problem that turns into a worse one (quarantine → disabled) is not resolved: never say so.
  if (successor && INCIDENT_RANK[successor.kind] > INCIDENT_RANK[record.incident.kind]) return `⛔ Worse: ${successor.summary}.`;
  if (successor && INCIDENT_RANK[successor.kind] === INCIDENT_RANK[record.incident.kind]) return `⚠ Changed: ${successor.summary}.`;
  const head = `✅ Resolved: ${name} provisioning ${OVER[record.incident.kind] ?? 'has recovered'}${took ? ` (after ${took})` : ''}.`;
  return successor ? `${head} It has a new problem now: ${successor.summary}.` : head;
}

/** The alert card in its resolved form (Adaptive Card 1.5): what the problem was, and when it ended. */
export function resolvedCard(record: IncidentRecord, now: Date, successor?: Incident): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      // Said in words, in the default colour: Teams' light theme draws "Good" green at 2.1:1 contrast.
      { type: 'TextBlock', text: recoveryText(record, now, successor), weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: record.incident.summary, wrap: true, isSubtle: true, spacing: 'Small' },
      { type: 'TextBlock', text: `Alert opened ${formatUtc(record.openedAt)} · ${successor ? 'changed' : 'resolved'} ${formatUtc(now.toISOString())}`, wrap: true, isSubtle: true, size: 'Small', spacing: 'Small' },
    ],
  };
}
