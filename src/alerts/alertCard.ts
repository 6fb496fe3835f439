// The alert card, an incident rather than an answer: "⚠ ServiceNow went into quarantine 27 min ago", three
// facts, the fix buttons and a mute button; the rest of the diagnosis behind Details.
import { diagnose } from '../diagnose';
import { formatRelative } from '../diagnose/time';
import type { AppEvidence, Topic } from '../domain/types';
import { renderDiagnosis, type AdaptiveCard } from '../render';
import type { Incident, IncidentKind } from './incidents';

export const MUTE_VERB = 'muteAlerts';
export const MUTE_HOURS = 24;

const TOPIC: Record<IncidentKind, Topic> = {
  quarantine: 'quarantine',
  failing: 'status',
  'escrow-rising': 'status',
  paused: 'not-started',
  disabled: 'not-started',
};

const WHAT_HAPPENED: Record<IncidentKind, string> = {
  quarantine: 'went into quarantine',
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

export function alertCard(incident: Incident, app: AppEvidence, now: Date): AdaptiveCard {
  const diagnosis = diagnose(TOPIC[incident.kind], { now: now.toISOString(), app });
  return renderDiagnosis(diagnosis, {
    headline: incidentHeadline(incident, now),
    keyFacts: 3,
    extraButtons: [
      { title: `Mute alerts for ${MUTE_HOURS} h`, verb: MUTE_VERB, data: { spId: app.app.spId, appName: app.app.displayName, hours: MUTE_HOURS } },
    ],
  }).card;
}
