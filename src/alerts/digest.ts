// The opt-in digest of a channel ("digest daily at 9:00", "digest weekly"): apps by state, what changed since
// the last digest, skips and failures by cause (the one cause table, `groupByCause`) as a chart with a text
// fallback, and the top three things to do. One card per period, updated in place when the period's digest
// runs again. The schedule and view are pure; `DigestStore` makes each period's digest go out once across
// instances (eTag compare-and-set, a lease like the incident records').
import { createHash, randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { CAUSES, groupByCause } from '../diagnose/causes';
import { jobPhase, type JobPhase } from '../diagnose/jobState';
import { wallClock } from '../diagnose/time';
import type { AppEvidence } from '../domain/types';
import type { ProvisioningObjectSummary } from '../graph/types';
import { SEVERITY_BADGE, breakable } from '../render/look';
import { expandCard, type AdaptiveCard } from '../render/template';
import { updateItem } from '../storage/compareAndSet';
import { question } from './groupCard';
import { INCIDENT_RANK, type Incident } from './incidents';
import type { DigestSchedule } from './subscriptions';

/** The start of the digest period `now` is in (its scheduled time), or undefined for a malformed schedule. */
export function digestSlot(schedule: DigestSchedule, now: Date): string | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(schedule.at);
  const [hh, mm] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!match || hh > 23 || mm > 59) return undefined;
  const slotOf = (d: Day) => zonedToUtc(d, hh, mm, schedule.timeZone);
  // Today's date on the schedule's clock, then back a day (or to the weekday) until the slot is not ahead.
  let day = zonedDate(now, schedule.timeZone);
  if (slotOf(day) > now.getTime()) day = addDays(day, -1);
  if (schedule.every === 'weekly') {
    const weekday = schedule.weekday ?? 1;
    while (new Date(Date.UTC(day.y, day.m, day.d)).getUTCDay() !== weekday) day = addDays(day, -1);
  }
  return new Date(slotOf(day)).toISOString();
}

interface Day {
  y: number;
  m: number;
  d: number;
}

const addDays = (day: Day, n: number): Day => {
  const t = new Date(Date.UTC(day.y, day.m, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth(), d: t.getUTCDate() };
};

function zonedDate(now: Date, zone: string | undefined): Day {
  const w = new Date(wallClock(now.getTime(), zone));
  return { y: w.getUTCFullYear(), m: w.getUTCMonth(), d: w.getUTCDate() };
}

/** The instant the zone's clock shows `hh:mm` on `day` (the offset checked again across a DST change). */
function zonedToUtc(day: Day, hh: number, mm: number, zone: string | undefined): number {
  const wanted = Date.UTC(day.y, day.m, day.d, hh, mm);
  let t = wanted - (wallClock(wanted, zone) - wanted);
  t = wanted - (wallClock(t, zone) - t);
  return t;
}

/** A job's state in words, as the digest counts and compares them. */
const STATE: Record<JobPhase, string> = {
  'not-configured': 'not configured',
  disabled: 'disabled',
  quarantine: 'in quarantine',
  paused: 'paused',
  'never-run': 'never run',
  'last-cycle-failed': 'failing',
  'initial-cycle': 'in its first cycle',
  'entry-level-errors': 'running with errors',
  healthy: 'healthy',
};

/** `spId|jobId` → name and state in words. */
export type AppStates = Record<string, { name: string; state: string }>;

export function appStates(apps: AppEvidence[]): AppStates {
  return Object.fromEntries(apps.map((a) => [`${a.app.spId}|${a.app.jobId}`, { name: a.app.displayName || a.app.spId, state: STATE[jobPhase(a.job)] }]));
}

/** Phases whose logs are worth reading for the digest's causes: there are failures or skips to count. */
export const PHASES_WITH_PROBLEMS: ReadonlySet<JobPhase> = new Set(['quarantine', 'last-cycle-failed', 'entry-level-errors']);

export interface DigestInput {
  every: DigestSchedule['every'];
  slot: string;
  states: AppStates;
  /** The states at the last digest, when there was one. */
  previous?: AppStates;
  /** Failures and skips read for the digest (a bounded read per app with problems). */
  entries: ProvisioningObjectSummary[];
  /** Why some entries could not be read, said on the card. */
  caveat?: string;
  incidents: Incident[];
}

const LISTED_CHANGES = 4;
const CAUSE_BARS = 5;

export function digestCard(input: DigestInput): AdaptiveCard {
  const states = Object.values(input.states);
  const counts = new Map<string, number>();
  for (const s of states) counts.set(s.state, (counts.get(s.state) ?? 0) + 1);
  const byState = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([state, n]) => `${n} ${state}`).join(' · ');
  const changes = input.previous
    ? Object.entries(input.states).flatMap(([key, now]) => {
        const before = input.previous![key];
        if (!before) return [`${now.name}: new, ${now.state}`];
        return before.state !== now.state ? [`${now.name}: ${before.state} → ${now.state}`] : [];
      })
    : [];
  for (const [key, before] of Object.entries(input.previous ?? {})) if (!input.states[key]) changes.push(`${before.name}: no longer provisioning`);
  const causes = groupByCause(input.entries)
    .filter((g) => CAUSES[g.cause].problem)
    .slice(0, CAUSE_BARS).map((g) => ({ label: g.label, count: g.entries.length }));
  const top = [...input.incidents].sort((a, b) => INCIDENT_RANK[b.kind] - INCIDENT_RANK[a.kind]).slice(0, 3);
  const worst = top[0] ? INCIDENT_RANK[top[0].kind] : 0;
  const day = new Date(input.slot).toUTCString().slice(0, 11);
  return expandCard('digest', {
    headline: `${input.every === 'weekly' ? 'Weekly' : 'Daily'} provisioning digest · ${day}`,
    badge: worst >= 3 ? SEVERITY_BADGE.error : worst > 0 ? SEVERITY_BADGE.warning : SEVERITY_BADGE.ok,
    byState: breakable(states.length ? byState : 'no apps with provisioning'),
    changes: breakable(
      !input.previous
        ? 'first digest: changes are shown from the next one'
        : changes.length
          ? `${changes.slice(0, LISTED_CHANGES).join('; ')}${changes.length > LISTED_CHANGES ? `; and ${changes.length - LISTED_CHANGES} more` : ''}`
          : 'none',
    ),
    hasCauses: causes.length > 0,
    causesTitle: `Skips and failures by cause (${causes.reduce((n, c) => n + c.count, 0)} recent entries)`,
    bars: causes.map((c) => ({ x: c.label, y: c.count })),
    causes: causes.map((c) => ({ count: `${c.count} × `, label: breakable(c.label) })),
    hasCaveat: !!input.caveat,
    caveat: input.caveat ?? '',
    hasNoActions: top.length === 0,
    actions: top.map((i) => ({ title: `Fix ${i.app.displayName}`, data: { msteams: { type: 'imBack', value: question(i) } } })),
    noActions: 'Nothing needs doing.',
  });
}

interface DigestRecord {
  conversationId: string;
  slot: string;
  state: 'posting' | 'posted';
  /** When this period's digest was last sent (a re-run asked after it sends it again, in place). */
  ranAt?: string;
  lease?: { token: string; expiresAt: string };
  activityId?: string;
  threadId?: string;
  states?: AppStates;
  /** The states of the period before, what "changes" compares with. */
  previous?: AppStates;
}

export interface DigestClaim {
  key: string;
  token: string;
  record: DigestRecord;
}

export class DigestStore {
  constructor(
    private readonly storage: Storage,
    private readonly leaseMs = 5 * 60_000,
  ) {}

  /**
   * Takes this conversation's digest for the period `slot`, or undefined when it went out already (and no
   * re-run was asked for since) or another instance is sending it.
   */
  async claim(conversationId: string, slot: string, now: Date, rerunAskedAt?: string): Promise<DigestClaim | undefined> {
    const key = `alerts/digest/${createHash('sha256').update(conversationId, 'utf8').digest('hex').slice(0, 40)}`;
    const token = randomUUID();
    const written = await updateItem<DigestRecord>(this.storage, key, (current) => {
      const same = current?.slot === slot;
      const leased = current?.state === 'posting' && Date.parse(current.lease?.expiresAt ?? '') > now.getTime();
      const rerun = !!rerunAskedAt && Date.parse(rerunAskedAt) > Date.parse(current?.ranAt ?? '');
      if (leased || (same && current?.state === 'posted' && !rerun)) return undefined;
      const { eTag: _eTag, ...plain } = current ?? ({} as DigestRecord & { eTag?: string });
      return {
        ...plain,
        conversationId,
        slot,
        state: 'posting',
        lease: { token, expiresAt: new Date(now.getTime() + this.leaseMs).toISOString() },
        // A new period compares with the last one sent, and gets a new card.
        ...(same ? {} : { previous: current?.states, activityId: undefined, threadId: undefined }),
      };
    });
    return written?.lease?.token === token ? { key, token, record: written } : undefined;
  }

  /** Records the sent digest; false when the claim was lost meanwhile. */
  async done(claim: DigestClaim, sent: { activityId: string; threadId?: string; states: AppStates }, now: Date): Promise<boolean> {
    const written = await updateItem<DigestRecord>(this.storage, claim.key, (current) => {
      if (current?.lease?.token !== claim.token) return undefined;
      const { eTag: _eTag, lease: _lease, ...plain } = current;
      return { ...plain, state: 'posted', ranAt: now.toISOString(), activityId: sent.activityId, ...(sent.threadId ? { threadId: sent.threadId } : {}), states: sent.states };
    });
    return written?.state === 'posted' && written.lease === undefined;
  }

  /** Gives the claim back after a failed send. */
  async release(claim: DigestClaim): Promise<void> {
    await updateItem<DigestRecord>(this.storage, claim.key, (current) => {
      if (current?.lease?.token !== claim.token) return undefined;
      const { eTag: _eTag, lease: _lease, ...plain } = current;
      return { ...plain, state: 'posted' as const, slot: plain.activityId ? plain.slot : '' };
    });
  }
}
