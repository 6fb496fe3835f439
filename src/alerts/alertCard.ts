// The alert card: the same diagnosis a question would get (with its fix buttons) plus a mute button.
import { diagnose } from '../diagnose';
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

export function alertCard(incident: Incident, app: AppEvidence, now: Date): AdaptiveCard {
  const { card } = renderDiagnosis(diagnose(TOPIC[incident.kind], { now: now.toISOString(), app }));
  const body = Array.isArray(card.body) ? card.body : [];
  return {
    ...card,
    body: [
      ...body,
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.Execute', title: `Mute ${app.app.displayName} alerts for ${MUTE_HOURS} h`, verb: MUTE_VERB, data: { spId: app.app.spId, appName: app.app.displayName, hours: MUTE_HOURS } },
        ],
      },
    ],
  };
}
