// The alert poller: each cycle reads the watched jobs (one `gateway.batch` call), works out the current
// incidents, posts each new one once to every conversation that watches its app, and closes the threads of
// incidents that are over (card updated to "resolved", a short reply). Any number of instances may run it
// against the same storage: the incident store's claims make every post and every resolution happen once.
import type { AppEvidence } from '../domain/types';
import type { GraphGateway } from '../graph/gateway';
import type { Logger } from '../log';
import { jobPhase } from '../diagnose/jobState';
import { problemsOfApp, recentOfApp } from '../gather/provisioningLogs';
import type { ProvisioningObjectSummary } from '../graph/types';
import { CycleHistory } from './cycleHistory';
import { appStates, digestCard, digestSlot, PHASES_WITH_PROBLEMS, type DigestStore } from './digest';
import { groupCard, groupHeadline, STORM_SIZE, type GroupMember } from './groupCard';
import { currentIncident, removalSignal, removalSpike, STALLED_HOURS, type Incident, type Signals } from './incidents';
import { recordId, type Claim, type GroupEntry, type IncidentRecord, type IncidentStore } from './incidentStore';
import { recoveryText, resolvedCard } from './recovery';
import { appsOf, covers, wants, type Subscription, type Subscriptions } from './subscriptions';
import { readWatchedApps, type WatchRequest } from './watchedApps';
import type { KnownApps } from '../resolve/provisioningApps';

/** Thrown by post/update/reply when Teams refuses writes to the conversation (bot removed or blocked). */
export class ConversationGone extends Error {
  readonly statusCode = 403;
  readonly code = 'MessageWritesBlocked';
  constructor(readonly conversationId: string, message = 'The bot can no longer write to this conversation.') {
    super(message);
    this.name = 'ConversationGone';
  }
}

/** Codes Teams answers with when the bot can no longer write to a conversation (removed, blocked, deleted). */
const GONE_CODES = new Set(['MessageWritesBlocked', 'ConversationNotFound', 'BotNotInConversationRoster']);

export function isConversationGone(error: unknown): boolean {
  if (error instanceof ConversationGone) return true;
  const e = error as { statusCode?: unknown; code?: unknown; body?: { error?: { code?: unknown } } } | null;
  const code = e?.code ?? e?.body?.error?.code;
  return e?.statusCode === 403 || (typeof code === 'string' && GONE_CODES.has(code));
}

export interface PostedActivity {
  activityId: string;
  threadId?: string;
}

export interface PollerDeps {
  /** App-only Graph (or the demo tenant / GRAPH_BASE_URL stand-in in local mode). */
  gateway: GraphGateway;
  subscriptions: Subscriptions;
  incidents: IncidentStore;
  /** Identifies this instance in claims (logs show who posted). */
  instanceId: string;
  /**
   * Starts a new thread in the conversation with the card, or posts it in `inThread` (a job's changed problem
   * goes under its first alert). `summary` replaces the incident's in notifications (a grouped card). Throws
   * ConversationGone on 403 MessageWritesBlocked.
   */
  post(sub: Subscription, incident: Pick<Incident, 'key' | 'summary'>, card: unknown, options?: { inThread?: PostedActivity; summary?: string }): Promise<PostedActivity>;
  /** Replaces the posted card (updateActivity). Throws ConversationGone like `post`. */
  update(sub: Subscription, record: Pick<IncidentRecord, 'incidentKey' | 'activityId' | 'threadId'>, card: unknown): Promise<void>;
  /** Replies in the alert's thread. Throws ConversationGone like `post`. */
  reply(sub: Subscription, record: IncidentRecord, text: string): Promise<void>;
  /** The alert card for an incident (diagnosis + remedy buttons). Called at most once per incident per cycle. */
  render(incident: Incident, app: AppEvidence): unknown | Promise<unknown>;
  /** The card that replaces the alert when it is over. Default: `resolvedCard`. */
  renderResolved?(record: IncidentRecord, now: Date, successor?: Incident): unknown;
  /** The grouped card of an alert storm, also when it is updated as apps recover. Default: `groupCard`. */
  renderGroup?(members: GroupMember[]): unknown;
  /** Durations of the cycles seen so far, for the slow-cycle detector (kept for the life of the poller). */
  history?: CycleHistory;
  /** Where each conversation's digest is claimed and recorded; without it no digest is sent. */
  digests?: DigestStore;
  now?: () => Date;
  logger?: Logger;
  /** How often 'all' re-discovers which service principals have provisioning. Default 1 hour. */
  discoveryIntervalMs?: number;
  /** The app inventory shared with the questions: discovery comes from it, and each cycle updates it. */
  inventory?: KnownApps;
}

export interface PollReport {
  /** Graph requests sent during the cycle (a `$batch` counts once). */
  requests: number;
  /** Jobs read. */
  apps: number;
  /** Service principals that could not be read (their incidents wait for a later cycle). */
  unread: number;
  /** Current incidents across the watched apps. */
  incidents: number;
  /** Records created for (incident, conversation) pairs seen for the first time. */
  opened: number;
  posted: number;
  /** Threads closed: card updated and reply sent. */
  resolved: number;
  /** Records closed without sending (never posted, or the conversation is gone). */
  dropped: number;
  /** Conversations forgotten because Teams refused writes (403 MessageWritesBlocked). */
  forgotten: number;
  /** Sends or renders that failed; they are retried next cycle. */
  failures: number;
  durationMs: number;
}

interface Current {
  incident: Incident;
  app: AppEvidence;
}

/** What one cycle knows and has done so far, shared by its steps. */
interface Cycle {
  deps: PollerDeps;
  now: Date;
  report: PollReport;
  /** Incident key → the incident and the app it is about. */
  current: Map<string, Current>;
  /** `spId|jobId` → that job's current incident, to tell a changed problem from a recovery. */
  byJob: Map<string, Incident>;
  /** Service principals read this cycle: only their records may be closed. */
  observed: Set<string>;
  /** Cards rendered this cycle, one per incident whatever the number of conversations. */
  cards: Map<string, Promise<unknown>>;
}

/**
 * Records a send that already happened. A storage hiccup is retried a few times; false when it could not be
 * recorded (or the claim was lost), in which case the record's lease decides when anyone may try again.
 */
async function persist(write: () => Promise<boolean>, attempts = 3): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts) return false;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/**
 * One cycle: read who watches what, read the watched jobs, work out the current incidents, then per
 * conversation post what is new and close what is over. Failures to send to one conversation don't stop the
 * others. Throws only when the storage cannot be read or Graph cannot be reached at all (listing the apps for
 * 'all'); the next cycle starts over.
 */
export async function pollOnce(deps: PollerDeps): Promise<PollReport> {
  const started = Date.now();
  const now = deps.now?.() ?? new Date();
  const requestsBefore = deps.gateway.requestCount;
  const report: PollReport = { requests: 0, apps: 0, unread: 0, incidents: 0, opened: 0, posted: 0, resolved: 0, dropped: 0, forgotten: 0, failures: 0, durationMs: 0 };
  const finish = () => ({ ...report, requests: deps.gateway.requestCount - requestsBefore, durationMs: Date.now() - started });

  const conversations = new Map((await deps.subscriptions.list()).map((s) => [s.conversationId, s]));
  const open = await deps.incidents.open();
  const watch = watchRequest([...conversations.values()], open);
  if (!watch.all && watch.apps.size === 0) return finish();

  const read = await readWatchedApps(deps.gateway, watch, now, deps.discoveryIntervalMs, deps.inventory);
  report.apps = read.apps.length;
  report.unread = read.unread;
  // A stalled job is seen from the shortest limit any conversation asked for; each conversation then applies its own.
  const stalledHours = Math.min(STALLED_HOURS, ...[...conversations.values()].map((s) => s.stalledHours ?? STALLED_HOURS));
  const cycle: Cycle = { deps, now, report, observed: read.observed, cards: new Map(), ...currentIncidents(read.apps, { now, stalledHours }, deps.history) };
  await removalSpikes(cycle, read.apps);
  report.incidents = cycle.current.size;

  // The work of each conversation runs in order (its sends share one thread budget); conversations run side by side.
  const openByConversation = groupBy(open, (r) => r.conversationId);
  const conversationIds = new Set([...[...conversations.values()].filter((s) => s.scope !== 'none').map((s) => s.conversationId), ...openByConversation.keys()]);
  await Promise.all(
    [...conversationIds].map((conversationId) =>
      pollConversation(cycle, conversationId, conversations.get(conversationId), openByConversation.get(conversationId) ?? []),
    ),
  );
  await sendDigests(cycle, [...conversations.values()], read.apps);
  return finish();
}

/** The apps to read: every app for 'all', the apps named by subscriptions, and apps with open records (so their incidents can be seen to end). */
function watchRequest(subscriptions: Subscription[], open: IncidentRecord[]): WatchRequest {
  const watching = subscriptions.filter((s) => s.scope !== 'none');
  const watch = { all: watching.some((s) => s.scope === 'all'), apps: new Map<string, string>() };
  for (const sub of watching) for (const app of appsOf(sub.scope)) watch.apps.set(app.spId, app.name);
  for (const record of open) watch.apps.set(record.incident.app.spId, record.incident.app.displayName);
  return watch;
}

/** Each job's current incident, from the status just read (and, for slow cycles, the durations seen before). */
function currentIncidents(apps: AppEvidence[], signals: Signals, history: CycleHistory | undefined): Pick<Cycle, 'current' | 'byJob'> {
  const current = new Map<string, Current>();
  const byJob = new Map<string, Incident>();
  for (const app of apps) {
    const incident = currentIncident(app, { ...signals, usualCycleMs: history?.observe(app) });
    if (!incident) continue;
    current.set(incident.key, { incident, app });
    byJob.set(jobKey(incident), incident);
  }
  return { current, byJob };
}

/** Jobs whose logs one cycle may read for a spike of removals: one request each, well inside the log budget. */
const SPIKE_READS = 5;

/** Reads the logs of the few jobs whose status signals many exports, and adds a deletions incident where most were removals. */
async function removalSpikes(cycle: Cycle, apps: AppEvidence[]): Promise<void> {
  const signalled = apps.filter((a) => removalSignal(a) && !cycle.byJob.has(`${a.app.spId}|${a.app.jobId}`)).slice(0, SPIKE_READS);
  await Promise.all(
    signalled.map(async (app) => {
      try {
        const incident = removalSpike(app, await recentOfApp(cycle.deps.gateway, app.app.spId));
        if (!incident) return;
        cycle.current.set(incident.key, { incident, app });
        cycle.byJob.set(jobKey(incident), incident);
      } catch (error) {
        cycle.deps.logger?.warn({ err: error, spId: app.app.spId }, 'could not read the logs for a deletion check; trying next cycle');
      }
    }),
  );
}

const jobKey = (incident: Incident) => `${incident.app.spId}|${incident.app.jobId}`;

function cardFor(cycle: Cycle, c: Current): Promise<unknown> {
  let card = cycle.cards.get(c.incident.key);
  if (!card) {
    card = Promise.resolve().then(() => cycle.deps.render(c.incident, c.app));
    cycle.cards.set(c.incident.key, card);
  }
  return card;
}

/** One conversation's share of the cycle: post what it wants and has not seen, close what is over. */
async function pollConversation(cycle: Cycle, conversationId: string, sub: Subscription | undefined, open: IncidentRecord[]): Promise<void> {
  const records = new Map(open.map((r) => [r.id, r]));
  try {
    if (sub && !(await postNew(cycle, sub, records))) return;
    const over = [...records.values()].filter((record) => {
      if (!cycle.observed.has(record.incident.app.spId)) return false;
      // A posted alert stays open until its incident ends; an unposted one is dropped as soon as the
      // conversation no longer wants it (gone, or stopped watching the app).
      const posted = record.state === 'posted' || record.state === 'resolving';
      return !(cycle.current.has(record.incidentKey) && sub !== undefined && (posted || covers(sub, record.incident.app.spId)));
    });
    await closeOver(cycle, sub, over, records);
  } catch (error) {
    cycle.report.failures++;
    cycle.deps.logger?.error({ err: error, conversationId }, 'alert cycle failed for a conversation');
  }
}

/**
 * Posts the incidents this conversation wants and has not been sent: one card each, or one grouped card when
 * more than STORM_SIZE are new at once. False when the conversation turned out to be gone.
 */
async function postNew(cycle: Cycle, sub: Subscription, records: Map<string, IncidentRecord>): Promise<boolean> {
  const wanted = [...cycle.current.values()].filter((c) => wants(sub, c.incident, cycle.now));
  const known = (c: Current) => records.get(recordId(c.incident.key, sub.conversationId));
  const fresh = wanted.filter((c) => !isPosted(known(c)));
  if (fresh.length > STORM_SIZE) return postGroup(cycle, sub, fresh, known);
  for (const c of fresh) {
    const claim = await claimToPost(cycle, sub, c, known(c));
    if (claim && !(await sendOne(cycle, sub, c, claim, threadOf(sub, c.incident, records)))) return false;
  }
  return true;
}

const isPosted = (record: IncidentRecord | undefined) => record?.state === 'posted' || record?.state === 'resolving';

/** The thread of this job's earlier, still open alert here: a changed problem is told there, not in a new thread. */
function threadOf(sub: Subscription, incident: Incident, records: Map<string, IncidentRecord>): PostedActivity | undefined {
  for (const r of records.values()) {
    if (r.conversationId === sub.conversationId && r.incidentKey !== incident.key && isPosted(r) && jobKey(r.incident) === jobKey(incident) && r.activityId) {
      return { activityId: r.activityId, ...(r.threadId ? { threadId: r.threadId } : {}) };
    }
  }
  return undefined;
}

/** The record of (incident, conversation), claimed for posting; undefined when someone else has it or it is done. */
async function claimToPost(cycle: Cycle, sub: Subscription, c: Current, known: IncidentRecord | undefined): Promise<Claim | undefined> {
  const { deps } = cycle;
  const record = known ?? (await deps.incidents.ensure(c.incident, sub.conversationId, cycle.now));
  if (!known && record) cycle.report.opened++;
  return claimRecord(cycle, record);
}

async function claimRecord(cycle: Cycle, record: IncidentRecord | undefined): Promise<Claim | undefined> {
  if (!record || !cycle.deps.incidents.claimable(record, 'post')) return undefined;
  return cycle.deps.incidents.claim(record.id, 'post', cycle.deps.instanceId);
}

/**
 * The subscription as it is right before sending: the conversation may have been removed, turned alerts off or
 * muted the app while this cycle ran. Claims it no longer wants are closed without sending.
 */
async function stillWanted(cycle: Cycle, sub: Subscription, claims: Array<{ c: Current; claim: Claim }>): Promise<{ latest?: Subscription; keep: Array<{ c: Current; claim: Claim }> }> {
  const latest = await cycle.deps.subscriptions.get(sub.conversationId);
  const keep = [];
  for (const x of claims) {
    if (latest && wants(latest, x.c.incident, cycle.now)) keep.push(x);
    else if (await cycle.deps.incidents.markResolved(x.claim, { dropped: true })) cycle.report.dropped++;
  }
  return { latest, keep };
}

/** Posts one claimed incident to one conversation; false when the conversation turned out to be gone. */
async function sendOne(cycle: Cycle, sub: Subscription, c: Current, claim: Claim, inThread?: PostedActivity): Promise<boolean> {
  const { deps } = cycle;
  try {
    const card = await cardFor(cycle, c);
    const { latest, keep } = await stillWanted(cycle, sub, [{ c, claim }]);
    if (!latest || keep.length === 0) return true;
    const posted = await deps.post(latest, c.incident, card, inThread ? { inThread } : {});
    cycle.report.posted++;
    // Teams has the card: from here on the claim is never released (that would post it again).
    const recorded = await persist(() => deps.incidents.markPosted(claim, posted));
    if (!recorded) deps.logger?.warn({ incident: c.incident.key, conversationId: sub.conversationId }, 'alert posted but not recorded; another instance may post it again after the lease');
    return true;
  } catch (error) {
    return failed(cycle, sub, [claim], error);
  }
}

/** An alert storm: every new incident claimed, then one grouped card for all of them. */
async function postGroup(cycle: Cycle, sub: Subscription, fresh: Current[], known: (c: Current) => IncidentRecord | undefined): Promise<boolean> {
  const { deps } = cycle;
  const claims: Array<{ c: Current; claim: Claim }> = [];
  const ensured = await deps.incidents.ensureAll(fresh.filter((c) => !known(c)).map((c) => c.incident), sub.conversationId, cycle.now);
  cycle.report.opened += ensured.size;
  for (const c of fresh) {
    const claim = await claimRecord(cycle, known(c) ?? ensured.get(c.incident.key));
    if (claim) claims.push({ c, claim });
  }
  // Another instance may hold some: what is left here is posted as usual when it is only a few.
  if (claims.length <= STORM_SIZE) {
    for (const { c, claim } of claims) if (!(await sendOne(cycle, sub, c, claim))) return false;
    return true;
  }
  try {
    const { latest, keep } = await stillWanted(cycle, sub, claims);
    if (!latest || keep.length === 0) return true;
    const group = keep.map(({ c }) => ({ key: c.incident.key, name: c.incident.app.displayName || c.incident.app.spId }));
    const card = (deps.renderGroup ?? groupCard)(keep.map(({ c }) => ({ ...group.find((g) => g.key === c.incident.key)!, incident: c.incident })));
    const posted = await deps.post(latest, keep[0].c.incident, card, { summary: groupHeadline(keep.map(({ c }) => c.incident)) });
    cycle.report.posted++;
    // Without the list the card can still be told apart, not redrawn: a failed write leaves the records ungrouped.
    let groupId: string | undefined;
    await persist(async () => Boolean((groupId = await deps.incidents.saveGroup(sub.conversationId, posted.activityId, group))));
    for (const { c, claim } of keep) {
      if (!(await persist(() => deps.incidents.markPosted(claim, { ...posted, ...(groupId ? { group: groupId } : {}) })))) {
        deps.logger?.warn({ incident: c.incident.key, conversationId: sub.conversationId }, 'grouped alert posted but not recorded; another instance may post it again after the lease');
      }
    }
    return true;
  } catch (error) {
    return failed(cycle, sub, claims.map((x) => x.claim), error);
  }
}

/** Members of a grouped card closed under one redraw: few enough that their claims never outlive the lease. */
const GROUP_CLOSE_CHUNK = 50;

/**
 * Closes the records whose incident is over (or whose conversation no longer wants them). A grouped card is
 * redrawn once per GROUP_CLOSE_CHUNK of its members closing in this cycle, not once per app (Teams throttles a
 * thread), and each chunk is claimed right before its redraw. False when the conversation turned out to be gone.
 */
async function closeOver(cycle: Cycle, sub: Subscription | undefined, over: IncidentRecord[], records: Map<string, IncidentRecord>): Promise<boolean> {
  const { deps } = cycle;
  const grouped = new Map<string, IncidentRecord[]>();
  for (const record of over) {
    const posted = isPosted(record);
    if (posted && sub && record.group) {
      grouped.set(record.group, [...(grouped.get(record.group) ?? []), record]);
      continue;
    }
    const claim = await deps.incidents.claim(record.id, posted ? 'resolve' : 'post', deps.instanceId);
    if (!claim) continue;
    if (!posted || !sub) {
      if (await deps.incidents.markResolved(claim, { dropped: true })) cycle.report.dropped++;
      continue;
    }
    if (!(await closeUnder(cycle, sub, claim.record.group, [claim], records))) return false;
  }
  for (const [group, members] of grouped) {
    for (let i = 0; i < members.length; i += GROUP_CLOSE_CHUNK) {
      const claims: Claim[] = [];
      for (const record of members.slice(i, i + GROUP_CLOSE_CHUNK)) {
        const claim = await deps.incidents.claim(record.id, 'resolve', deps.instanceId);
        if (claim) claims.push(claim);
      }
      if (claims.length && !(await closeUnder(cycle, sub!, group, claims, records))) return false;
    }
  }
  return true;
}

/** Claimed records whose incidents are over: their card shows it (the group's, redrawn once, or each its own), then each is finished. */
async function closeUnder(cycle: Cycle, sub: Subscription, group: string | undefined, claims: Claim[], records: Map<string, IncidentRecord>): Promise<boolean> {
  const { deps, now } = cycle;
  try {
    if (group) {
      const closing = new Set(claims.map((c) => c.record.id));
      await deps.update(sub, claims[0].record, (deps.renderGroup ?? groupCard)(groupMembers(await deps.incidents.group(group), records, closing)));
    } else {
      for (const { record } of claims) {
        const successor = cycle.byJob.get(jobKey(record.incident));
        await deps.update(sub, record, deps.renderResolved ? deps.renderResolved(record, now, successor) : resolvedCard(record, now, successor));
      }
    }
  } catch (error) {
    return failed(cycle, sub, claims, error);
  }
  for (const claim of claims) if (!(await finishClose(cycle, sub, claim, records))) return false;
  return true;
}

/** After its card shows the recovery: the reply in the alert's thread, and the record resolved. */
async function finishClose(cycle: Cycle, sub: Subscription, claim: Claim, records: Map<string, IncidentRecord>): Promise<boolean> {
  const { deps, now } = cycle;
  const record = claim.record;
  const successor = cycle.byJob.get(jobKey(record.incident));
  try {
    // A conversation that stopped watching the app gets its card corrected, but no new message; a successor
    // this conversation wants was posted in this thread already and says it.
    if (covers(sub, record.incident.app.spId) && !(successor && wants(sub, successor, now))) await deps.reply(sub, record, recoveryText(record, now, successor));
  } catch (error) {
    return failed(cycle, sub, [claim], error);
  }
  // The card is updated and the reply sent: never release now (the reply would go out twice).
  if (await persist(() => deps.incidents.markResolved(claim))) cycle.report.resolved++;
  records.delete(record.id);
  return true;
}

/** A grouped card's apps as they stand once `closing` is over: still open, or recovered. */
function groupMembers(group: GroupEntry[], records: Map<string, IncidentRecord>, closing: ReadonlySet<string>): GroupMember[] {
  const open = new Map([...records.values()].filter((r) => !closing.has(r.id) && isPosted(r)).map((r) => [r.incidentKey, r.incident]));
  return group.map((g) => ({ ...g, ...(open.has(g.key) ? { incident: open.get(g.key)! } : {}) }));
}

/** Apps whose logs one digest may read: the log budget is 5 requests per 10 s per app, one read each stays well inside. */
const DIGEST_LOG_APPS = 5;

/** Sends the digest of every conversation whose period has begun (or that asked for it again), once across instances. */
async function sendDigests(cycle: Cycle, subscriptions: Subscription[], apps: AppEvidence[]): Promise<void> {
  const { deps, now } = cycle;
  if (!deps.digests) return;
  const logs = new Map<string, Promise<ProvisioningObjectSummary[]>>();
  const problemsOf = (spId: string) => {
    let read = logs.get(spId);
    if (!read) logs.set(spId, (read = problemsOfApp(deps.gateway, spId)));
    return read;
  };
  for (const sub of subscriptions) {
    const schedule = sub.digest;
    const slot = schedule && sub.scope !== 'none' ? digestSlot(schedule, now) : undefined;
    if (!schedule || !slot || (Date.parse(slot) < Date.parse(schedule.since ?? '') && !schedule.rerunAskedAt)) continue;
    const claim = await deps.digests.claim(sub.conversationId, slot, now, schedule.rerunAskedAt);
    if (!claim) continue;
    try {
      const mine = apps.filter((a) => covers(sub, a.app.spId));
      const withProblems = mine.filter((a) => PHASES_WITH_PROBLEMS.has(jobPhase(a.job))).slice(0, DIGEST_LOG_APPS);
      const read = await Promise.allSettled(withProblems.map((a) => problemsOf(a.app.spId)));
      const states = appStates(mine);
      const card = digestCard({
        every: schedule.every,
        slot,
        states,
        ...(claim.record.previous ? { previous: claim.record.previous } : {}),
        entries: read.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])),
        ...(read.some((r) => r.status === 'rejected') ? { caveat: 'Some provisioning logs could not be read: causes are partly counted.' } : {}),
        incidents: [...cycle.current.values()].map((c) => c.incident).filter((i) => wants(sub, i, now)),
      });
      const key = `digest|${slot}`;
      // The period's card exists already (a re-run): replace it rather than post a second one.
      const { activityId, threadId } = claim.record;
      let sent: PostedActivity;
      if (activityId) {
        await deps.update(sub, { incidentKey: key, activityId, threadId }, card);
        sent = { activityId, ...(threadId ? { threadId } : {}) };
      } else {
        sent = await deps.post(sub, { key, summary: 'Provisioning digest' }, card);
      }
      await persist(() => deps.digests!.done(claim, { ...sent, states }, now));
    } catch (error) {
      cycle.report.failures++;
      deps.logger?.warn({ err: error, conversationId: sub.conversationId }, 'digest failed; will retry next cycle');
      await deps.digests.release(claim);
    }
  }
}

/** After a failed send: forget a conversation that is gone (false), else give the claims back for the next cycle. */
async function failed(cycle: Cycle, sub: Subscription, claims: Claim[], error: unknown): Promise<boolean> {
  const { deps, report } = cycle;
  if (isConversationGone(error)) {
    deps.logger?.info({ conversationId: sub.conversationId }, 'conversation refused writes; forgetting it');
    await deps.subscriptions.forget(sub.conversationId);
    report.forgotten++;
    for (const claim of claims) if (await deps.incidents.markResolved(claim, { dropped: true })) report.dropped++;
    return false;
  }
  report.failures++;
  deps.logger?.warn({ err: error, incidents: claims.map((c) => c.record.incidentKey), conversationId: sub.conversationId }, 'alert send failed; will retry next cycle');
  for (const claim of claims) await deps.incidents.release(claim, error);
  return true;
}

export interface PollerHandle {
  /** Stops the timer and waits for a running cycle to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `pollOnce` now and then every `intervalSeconds` (measured from the start of a cycle). Cycles never
 * overlap: a cycle longer than the interval is followed by the next one at once. Cycle errors are logged.
 * An interval that is not a positive number means the default, 300 s.
 */
export function startPoller(deps: PollerDeps, intervalSeconds: number, onReport?: (report: PollReport) => void): PollerHandle {
  const intervalMs = (Number.isFinite(intervalSeconds) && intervalSeconds > 0 ? intervalSeconds : 300) * 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const withHistory = { ...deps, history: deps.history ?? new CycleHistory() };

  const cycle = async () => {
    const started = Date.now();
    try {
      const report = await pollOnce(withHistory);
      deps.logger?.info({ ...report }, 'alert poll cycle');
      onReport?.(report);
    } catch (error) {
      deps.logger?.error({ err: error }, 'alert poll cycle failed');
    }
    if (!stopped) {
      timer = setTimeout(run, Math.max(0, intervalMs - (Date.now() - started)));
      timer.unref();
    }
  };
  const run = () => {
    running = cycle();
  };
  run();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  // Appended in place: copying the list per item cost 45 MiB of garbage per cycle with 2,000 open records.
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
