// The alert poller: each cycle reads the watched jobs (one `gateway.batch` call), works out the current
// incidents, posts each new one once to every conversation that watches its app, and closes the threads of
// incidents that are over (card updated to "resolved", a short reply). Any number of instances may run it
// against the same storage: the incident store's claims make every post and every resolution happen once.
import type { AppEvidence } from '../domain/types';
import type { GraphGateway } from '../graph/gateway';
import type { Logger } from '../log';
import { currentIncident, type Incident } from './incidents';
import { recordId, type Claim, type IncidentRecord, type IncidentStore } from './incidentStore';
import { recoveryText, resolvedCard } from './recovery';
import { appsOf, covers, isMuted, watches, type Subscription, type Subscriptions } from './subscriptions';
import { readWatchedApps } from './watchedApps';
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
  /** Starts a new thread in the conversation with the card. Throws ConversationGone on 403 MessageWritesBlocked. */
  post(sub: Subscription, incident: Incident, card: unknown): Promise<PostedActivity>;
  /** Replaces the posted card (updateActivity). Throws ConversationGone like `post`. */
  update(sub: Subscription, record: IncidentRecord, card: unknown): Promise<void>;
  /** Replies in the alert's thread. Throws ConversationGone like `post`. */
  reply(sub: Subscription, record: IncidentRecord, text: string): Promise<void>;
  /** The alert card for an incident (diagnosis + remedy buttons). Called at most once per incident per cycle. */
  render(incident: Incident, app: AppEvidence): unknown | Promise<unknown>;
  /** The card that replaces the alert when it is over. Default: `resolvedCard`. */
  renderResolved?(record: IncidentRecord, now: Date, successor?: Incident): unknown;
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

/**
 * One cycle. Failures to send to one conversation don't stop the others. Throws only when the storage cannot be
 * read or Graph cannot be reached at all (listing the apps for 'all'); the next cycle starts over.
 */
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

export async function pollOnce(deps: PollerDeps): Promise<PollReport> {
  const started = Date.now();
  const now = deps.now?.() ?? new Date();
  const requestsBefore = deps.gateway.requestCount;
  const report: PollReport = { requests: 0, apps: 0, unread: 0, incidents: 0, opened: 0, posted: 0, resolved: 0, dropped: 0, forgotten: 0, failures: 0, durationMs: 0 };
  const finish = () => ({ ...report, requests: deps.gateway.requestCount - requestsBefore, durationMs: Date.now() - started });

  const conversations = new Map((await deps.subscriptions.list()).map((s) => [s.conversationId, s]));
  const open = await deps.incidents.open();
  const watching = [...conversations.values()].filter((s) => s.scope !== 'none');

  // Apps with open records are read too, so their incidents can be seen to end.
  const watch = { all: watching.some((s) => s.scope === 'all'), apps: new Map<string, string>() };
  for (const sub of watching) for (const app of appsOf(sub.scope)) watch.apps.set(app.spId, app.name);
  for (const record of open) watch.apps.set(record.incident.app.spId, record.incident.app.displayName);
  if (!watch.all && watch.apps.size === 0) return finish();

  const read = await readWatchedApps(deps.gateway, watch, now, deps.discoveryIntervalMs, deps.inventory);
  report.apps = read.apps.length;
  report.unread = read.unread;
  const current = new Map<string, Current>();
  const byJob = new Map<string, Incident>();
  for (const app of read.apps) {
    const incident = currentIncident(app);
    if (!incident) continue;
    current.set(incident.key, { incident, app });
    byJob.set(`${app.app.spId}|${app.app.jobId}`, incident);
  }
  report.incidents = current.size;

  const cards = new Map<string, Promise<unknown>>();
  const cardFor = (c: Current) => {
    let card = cards.get(c.incident.key);
    if (!card) {
      card = Promise.resolve().then(() => deps.render(c.incident, c.app));
      cards.set(c.incident.key, card);
    }
    return card;
  };

  /** Posts one incident to one conversation; false when the conversation turned out to be gone. */
  async function postOne(sub: Subscription, c: Current, known: IncidentRecord | undefined): Promise<boolean> {
    const record = known ?? (await deps.incidents.ensure(c.incident, sub.conversationId, now));
    if (!known && record) report.opened++;
    if (!record || !deps.incidents.claimable(record, 'post')) return true;
    const claim = await deps.incidents.claim(record.id, 'post', deps.instanceId);
    if (!claim) return true;
    try {
      const card = await cardFor(c);
      // The conversation may have been removed, turned alerts off or muted the app while this cycle ran:
      // read its subscription again right before posting.
      const current = await deps.subscriptions.get(sub.conversationId);
      if (!current || !watches(current, c.incident.app.spId, now)) {
        if (await deps.incidents.markResolved(claim, { dropped: true })) report.dropped++;
        return true;
      }
      const posted = await deps.post(current, c.incident, card);
      report.posted++;
      // Teams has the card: from here on the claim is never released (that would post it again).
      const recorded = await persist(() => deps.incidents.markPosted(claim, posted));
      if (!recorded) deps.logger?.warn({ incident: c.incident.key, conversationId: sub.conversationId }, 'alert posted but not recorded; another instance may post it again after the lease');
      return true;
    } catch (error) {
      return failed(sub, claim, error);
    }
  }

  /** Closes one record whose incident is over (or whose conversation no longer wants it). */
  async function closeOne(sub: Subscription | undefined, record: IncidentRecord): Promise<boolean> {
    const posted = record.state === 'posted' || record.state === 'resolving';
    const claim = await deps.incidents.claim(record.id, posted ? 'resolve' : 'post', deps.instanceId);
    if (!claim) return true;
    if (!posted || !sub) {
      if (await deps.incidents.markResolved(claim, { dropped: true })) report.dropped++;
      return true;
    }
    try {
      const successor = byJob.get(`${record.incident.app.spId}|${record.incident.app.jobId}`);
      const card = deps.renderResolved ? deps.renderResolved(claim.record, now, successor) : resolvedCard(claim.record, now, successor);
      await deps.update(sub, claim.record, card);
      // A conversation that stopped watching the app gets its card corrected, but no new message.
      if (covers(sub, record.incident.app.spId)) await deps.reply(sub, claim.record, recoveryText(claim.record, now, successor));
    } catch (error) {
      return failed(sub, claim, error);
    }
    // The card is updated and the reply sent: never release now (the reply would go out twice).
    if (await persist(() => deps.incidents.markResolved(claim))) report.resolved++;
    return true;
  }

  async function failed(sub: Subscription, claim: Claim, error: unknown): Promise<boolean> {
    if (isConversationGone(error)) {
      deps.logger?.info({ conversationId: sub.conversationId }, 'conversation refused writes; forgetting it');
      await deps.subscriptions.forget(sub.conversationId);
      report.forgotten++;
      if (await deps.incidents.markResolved(claim, { dropped: true })) report.dropped++;
      return false;
    }
    report.failures++;
    deps.logger?.warn({ err: error, incident: claim.record.incidentKey, conversationId: sub.conversationId }, 'alert send failed; will retry next cycle');
    await deps.incidents.release(claim, error);
    return true;
  }

  // The work of each conversation runs in order (its sends share one thread budget); conversations run side by side.
  const openByConversation = groupBy(open, (r) => r.conversationId);
  const conversationIds = new Set([...watching.map((s) => s.conversationId), ...openByConversation.keys()]);
  await Promise.all(
    [...conversationIds].map(async (conversationId) => {
      const sub = conversations.get(conversationId);
      const records = new Map((openByConversation.get(conversationId) ?? []).map((r) => [r.id, r]));
      try {
        if (sub) {
          for (const c of current.values()) {
            if (!covers(sub, c.incident.app.spId) || isMuted(sub, c.incident.app.spId, now)) continue;
            if (!(await postOne(sub, c, records.get(recordId(c.incident.key, conversationId))))) return;
          }
        }
        for (const record of records.values()) {
          if (!read.observed.has(record.incident.app.spId)) continue;
          // A posted alert stays open until its incident ends; an unposted one is dropped as soon as the
          // conversation no longer wants it (gone, or stopped watching the app).
          const posted = record.state === 'posted' || record.state === 'resolving';
          const keep = current.has(record.incidentKey) && sub !== undefined && (posted || covers(sub, record.incident.app.spId));
          if (!keep && !(await closeOne(sub, record))) return;
        }
      } catch (error) {
        report.failures++;
        deps.logger?.error({ err: error, conversationId }, 'alert cycle failed for a conversation');
      }
    }),
  );
  return finish();
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

  const cycle = async () => {
    const started = Date.now();
    try {
      const report = await pollOnce(deps);
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
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
