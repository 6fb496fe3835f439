// An alert storm as one card: "⚠ 7 apps went into quarantine" with one line and one button per app, posted
// instead of seven threads and updated in place as the apps recover (issue 14.5). Pure.
import { SEVERITY_BADGE, statusBadge, breakable } from '../render/look';
import { expandCard, type AdaptiveCard } from '../render/template';
import type { Incident, IncidentKind } from './incidents';

/** More new incidents than this for one conversation in one cycle are posted as one grouped card. */
export const STORM_SIZE = 4;
/** Apps listed by name on the card, and the first of them with a button; the rest are counted. */
const LISTED = 6;
const BUTTONS = 4;
/** A button draws one line: a longer name is cut with an ellipsis of our own rather than the client's. */
const BUTTON_CHARS = 28;

function clip(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars - 1).trimEnd()}…` : text;
}

/** One app of a grouped alert: its incident while open, or only its name once recovered. */
export interface GroupMember {
  key: string;
  name: string;
  incident?: Incident;
}

const WENT: Record<IncidentKind, string> = {
  quarantine: 'went into quarantine',
  deletions: 'were stopped by the accidental-deletions threshold',
  failing: 'are failing',
  'escrow-rising': 'have failures rising toward quarantine',
  stalled: 'have finished no cycle for hours',
  'slow-cycle': 'ran slow cycles',
  paused: 'were paused',
  disabled: 'were disabled',
};

/** Each app's line, short: its own answer (the button) has the reason and the fix. */
const NOW: Record<IncidentKind, string> = {
  quarantine: 'in quarantine',
  deletions: 'stopped by the accidental-deletions threshold',
  failing: 'failing',
  'escrow-rising': 'failures rising toward quarantine',
  stalled: 'no finished cycle for hours',
  'slow-cycle': 'slow cycle',
  paused: 'paused',
  disabled: 'disabled',
};

/** "7 apps went into quarantine" when they share a kind, else "7 apps need attention". */
export function groupHeadline(incidents: Incident[]): string {
  const kinds = new Set(incidents.map((i) => i.kind));
  const n = incidents.length;
  const what = kinds.size === 1 ? WENT[incidents[0].kind] : 'need attention';
  return `⚠ ${n} app${n === 1 ? '' : 's'} ${n === 1 ? what.replace(/^were /, 'was ').replace(/^are /, 'is ').replace(/^have /, 'has ') : what}`;
}

/** The question a per-app button asks, as the admin's own message (the answer has the diagnosis and the fix). */
export function question(incident: Incident): string {
  const name = incident.app.displayName;
  return incident.kind === 'quarantine' || incident.kind === 'deletions' ? `is ${name} in quarantine?` : `how is ${name} doing?`;
}

export function groupCard(members: GroupMember[]): AdaptiveCard {
  const open = members.filter((m) => m.incident);
  const listed = [...open, ...members.filter((m) => !m.incident)].slice(0, LISTED);
  const headline = open.length
    ? groupHeadline(open.map((m) => m.incident!))
    : `✅ All ${members.length} apps of this alert have recovered`;
  const recovered = members.length - open.length;
  return expandCard('alert-group', {
    headline: breakable(headline),
    badge: open.length ? SEVERITY_BADGE.error : statusBadge('Resolved', 'Good'),
    apps: listed.map((m) => ({
      mark: m.incident ? '⚠' : '✅',
      name: breakable(m.name),
      what: m.incident ? NOW[m.incident.kind] : 'recovered',
    })),
    hasMore: members.length > LISTED,
    more: `and ${members.length - LISTED} more`,
    hint: open.length
      ? `${recovered ? `${recovered} recovered. ` : ''}Select an app for its diagnosis and the fix${open.length > BUTTONS ? ', or ask “is anything in quarantine?” for all' : ''}. Updates follow in this thread.`
      : 'Each recovery is noted in this thread.',
    buttons: open.slice(0, BUTTONS).map((m) => ({ title: clip(m.name, BUTTON_CHARS), data: { msteams: { type: 'imBack', value: question(m.incident!) } } })),
  });
}
