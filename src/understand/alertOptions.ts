// The options an alerts message may carry beyond on/off/mute: a digest schedule ("digest daily at 9:00",
// "weekly digest on monday", "digest off", "digest now"), a per-app filter ("alerts for Slack only failures")
// and one detector switched for the conversation ("no slow cycle alerts", "alerts on for stalled jobs"). Pure.
import type { AlertDetector, Intent } from '../domain/types';

type Options = Pick<NonNullable<Intent['alerts']>, 'digest' | 'only' | 'detector'>;

/** Words naming a detector. "failures" means every kind where the job fails (see FAILURES). */
const DETECTOR_WORDS: ReadonlyArray<[RegExp, AlertDetector]> = [
  [/\bquarantin\w*/, 'quarantine'],
  [/\b(?:deletions?|deletes?|deleting)\b/, 'deletions'],
  [/\bescrow\w*/, 'escrow-rising'],
  [/\b(?:stall\w*|stuck|idle|no (?:provisioning )?events)\b/, 'stalled'],
  [/\bslow\w*/, 'slow-cycle'],
  [/\bdisabled\b/, 'disabled'],
  [/\bpaused\b/, 'paused'],
  [/\bfailing\b/, 'failing'],
];
const FAILURES = /\bfail(?:ures?|ed)?\b/;
/** "failures": the job is failing outright or not provisioning at all. */
const FAILURE_DETECTORS: AlertDetector[] = ['failing', 'quarantine', 'deletions', 'disabled'];

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export function alertOptions(clean: string): Options {
  const text = clean.toLowerCase();
  if (/\bdigests?\b/.test(text)) return { digest: digestRequest(text) };
  const only = /\bonly\b(.*)$/.exec(text);
  if (only) {
    const kinds = detectorsIn(only[1]);
    if (kinds.length) return { only: kinds };
  }
  const [detector] = detectorsIn(text.replace(/\balerts?\b/g, ''));
  return detector ? { detector } : {};
}

function detectorsIn(text: string): AlertDetector[] {
  const found = new Set<AlertDetector>();
  for (const [pattern, kind] of DETECTOR_WORDS) if (pattern.test(text)) found.add(kind);
  if (FAILURES.test(text)) for (const kind of FAILURE_DETECTORS) found.add(kind);
  return [...found];
}

/** A name that is only detector words ("slow cycles", "stalled jobs") is no app. */
export function namesADetector(name: string): boolean {
  const rest = name
    .toLowerCase()
    .replace(/\b(?:cycles?|jobs?|apps?|alerts?|events?|provisioning|the|of)\b/g, ' ')
    .trim();
  if (!rest) return false;
  return rest.split(/\s+/).every((word) => detectorsIn(word).length > 0 || word === 'no' || word === 'events');
}

function digestRequest(text: string): NonNullable<Options['digest']> {
  if (/\b(?:off|stop|no more|disable|cancel|unsubscribe)\b/.test(text)) return { every: 'off' };
  if (/\b(?:now|again|rerun|re-run)\b/.test(text)) return { every: 'now' };
  const weekly = /\b(?:weekly|every week|once a week|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?)\b/.test(text);
  const day = WEEKDAYS.findIndex((d) => new RegExp(`\\b${d}s?\\b`).test(text));
  const at = timeOfDay(text);
  return { every: weekly ? 'weekly' : 'daily', ...(at ? { at } : {}), ...(weekly && day >= 0 ? { weekday: day } : {}) };
}

/** "at 9", "at 9:30", "at 5 pm", "17:00" → "HH:MM" (24 h). */
function timeOfDay(text: string): string | undefined {
  const m = /\b(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b/.exec(text.replace(/\b\d+\s*(?:h|hours?|days?|weeks?)\b/g, ''));
  if (!m || (!m[2] && !m[3] && !/\bat\s+\d/.test(text))) return undefined;
  let hours = Number(m[1]);
  const minutes = Number(m[2] ?? 0);
  if (m[3] === 'pm' && hours < 12) hours += 12;
  if (m[3] === 'am' && hours === 12) hours = 0;
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
