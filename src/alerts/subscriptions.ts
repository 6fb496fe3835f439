// Which conversations want alerts, and about which apps. One item per conversation (`alerts/sub/{hash}`) plus
// an index item listing the conversation ids, because a Storage cannot list its keys. Both are updated by eTag
// compare-and-set, so several bot instances can subscribe, mute and forget at once without losing a change.
import { createHash } from 'node:crypto';
import type { ConversationReference, Storage } from 'botbuilder';
import { BotError } from '../errors';
import { updateItem } from '../storage/compareAndSet';
import { readItems } from '../storage/readItems';
import { STALLED_HOURS, type Incident, type IncidentKind } from './incidents';

/** 'none': the bot knows the conversation (installed) but nothing is watched yet. */
export type AlertScope = 'none' | 'all' | { spIds: string[]; names: string[] };

/** An app to watch: its service principal id and the name to show. */
export interface WatchedApp {
  spId: string;
  name: string;
}

export interface Subscription {
  conversationId: string;
  /** Where to post, as captured from an activity (plain JSON, restorable across restarts). */
  reference: Partial<ConversationReference>;
  scope: AlertScope;
  createdBy?: string;
  createdAt: string;
  /** spId → ISO time until which that app's new alerts are not posted here. */
  mutedUntil: Record<string, string>;
  /** spId → the app's name when it was muted, for saying what is muted. */
  mutedNames?: Record<string, string>;
  /** Detectors switched off in this conversation (all are on unless listed here with false). */
  detectors?: Partial<Record<IncidentKind, boolean>>;
  /** spId → the only kinds of incident wanted about that app here ("alerts for Slack only failures"). */
  only?: Record<string, IncidentKind[]>;
  /** spId → the app's name when its filter was set, for saying what is filtered ("Only Slack: …"). */
  onlyNames?: Record<string, string>;
  /** The opt-in digest: daily, or weekly on `weekday` (0 = Sunday), at `at` (HH:MM, UTC). */
  digest?: DigestSchedule;
  /** Hours without a finished cycle before this conversation hears of a stalled job. Default STALLED_HOURS. */
  stalledHours?: number;
}

export interface DigestSchedule {
  every: 'daily' | 'weekly';
  /** HH:MM on the clock of `timeZone` (UTC without one). */
  at: string;
  weekday?: number;
  /** The IANA zone of the admin who set it ("9:00" means their 9:00), as Teams sent it. */
  timeZone?: string;
  /** When it was turned on: periods that began before are not sent. */
  since?: string;
  /** "digest now": the current period's digest is sent again (in place when it went out already). */
  rerunAskedAt?: string;
}

/** The kinds "only failures" keeps: the job is not provisioning, or failing outright. */
export const FAILURE_KINDS: IncidentKind[] = ['failing', 'quarantine', 'deletions', 'disabled'];

export interface SubscriptionsOptions {
  now?: () => Date;
}

interface SubscriptionIndex {
  conversationIds: string[];
}

const INDEX_KEY = 'alerts/subscriptions/index';

export class Subscriptions {
  private readonly now: () => Date;

  constructor(
    private readonly storage: Storage,
    options: SubscriptionsOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Keeps the conversation's reference (when the bot is installed or added) without changing what it watches; a new
   * conversation starts with scope 'none'. Throws BotError('invalid-input') for a reference without a conversation id.
   */
  rememberConversation(reference: Partial<ConversationReference>): Promise<Subscription> {
    return this.change(reference, undefined, (sub) => sub);
  }

  /**
   * Watches every app with provisioning ('all') or adds one app. An app added while 'all' is watched changes
   * nothing. Throws BotError('invalid-input') for a reference without a conversation id or an app without spId.
   */
  subscribe(reference: Partial<ConversationReference>, what: 'all' | WatchedApp, createdBy?: string): Promise<Subscription> {
    if (what !== 'all' && !isText(what?.spId)) throw new BotError('invalid-input', 'An app to watch needs a service principal id.');
    return this.change(reference, createdBy, (sub) => {
      if (what === 'all') return { ...sub, scope: 'all' };
      if (sub.scope === 'all') return sub;
      const apps = appsOf(sub.scope).filter((a) => a.spId !== what.spId);
      return { ...sub, scope: scopeOf([...apps, { spId: what.spId, name: what.name || what.spId }]) };
    });
  }

  /**
   * Stops watching one app, or everything (scope 'none': the reference is kept for a later "alerts on").
   * `changed` is false when there was nothing to stop, including one app while 'all' is watched (the scope
   * cannot express "all but one": mute that app instead). Never throws for an unknown conversation.
   */
  async unsubscribe(conversationId: string, spId?: string): Promise<{ subscription?: Subscription; changed: boolean }> {
    if (!isText(conversationId)) return { changed: false };
    let changed = false;
    const subscription = await updateItem<Subscription>(this.storage, itemKey(conversationId), (current) => {
      changed = false;
      if (!current) return undefined;
      const sub = stored(current);
      let scope: AlertScope = sub.scope;
      if (spId === undefined) scope = 'none';
      else if (sub.scope !== 'all' && sub.scope !== 'none') scope = scopeOf(appsOf(sub.scope).filter((a) => a.spId !== spId));
      changed = JSON.stringify(scope) !== JSON.stringify(sub.scope);
      return changed ? { ...sub, scope } : undefined;
    });
    return { ...(subscription ? { subscription: stored(subscription) } : {}), changed };
  }

  /** Every known conversation, subscribed or not ('none'), in the order they were first seen. */
  async list(): Promise<Subscription[]> {
    const [index] = await readItems<SubscriptionIndex>(this.storage, [INDEX_KEY]);
    return (await readItems<Subscription>(this.storage, (index?.conversationIds ?? []).map(itemKey))).map(stored);
  }

  async get(conversationId: string): Promise<Subscription | undefined> {
    if (!isText(conversationId)) return undefined;
    const item = (await this.storage.read([itemKey(conversationId)]))[itemKey(conversationId)] as Subscription | undefined;
    return item ? stored(item) : undefined;
  }

  /** Drops the conversation entirely (the bot was removed or blocked). True when it was known. */
  async forget(conversationId: string): Promise<boolean> {
    if (!isText(conversationId)) return false;
    let known = false;
    // Index first: a crash in between leaves an unlisted item behind, never a listed one that is gone.
    await updateItem<SubscriptionIndex>(this.storage, INDEX_KEY, (current) => {
      const ids = current?.conversationIds ?? [];
      known = ids.includes(conversationId);
      return known ? { conversationIds: ids.filter((id) => id !== conversationId) } : undefined;
    });
    const key = itemKey(conversationId);
    const existed = (await this.storage.read([key]))[key] !== undefined;
    if (existed) await this.storage.delete([key]);
    return known || existed;
  }

  /** Silences new alerts about one app in this conversation until `until`. Undefined for an unknown conversation. */
  async mute(conversationId: string, spId: string, until: Date, name?: string): Promise<Subscription | undefined> {
    if (!isText(conversationId) || !isText(spId) || Number.isNaN(until?.getTime?.())) return undefined;
    const nowMs = this.now().getTime();
    const result = await updateItem<Subscription>(this.storage, itemKey(conversationId), (current) => {
      if (!current) return undefined;
      const sub = stored(current);
      // Drop mutes that have run out while we are here, so the map does not grow forever.
      const mutedUntil = Object.fromEntries(Object.entries(sub.mutedUntil).filter(([, iso]) => Date.parse(iso) > nowMs));
      const mutedNames = Object.fromEntries(Object.entries(sub.mutedNames ?? {}).filter(([id]) => id in mutedUntil));
      return {
        ...sub,
        mutedUntil: { ...mutedUntil, [spId]: until.toISOString() },
        mutedNames: name ? { ...mutedNames, [spId]: name.slice(0, 200) } : mutedNames,
      };
    });
    return result ? stored(result) : undefined;
  }

  /**
   * Changes this conversation's alert options (detectors, per-app filters, digest). Undefined for an unknown
   * conversation: "alerts on" comes first.
   */
  async amend(conversationId: string, apply: (sub: Subscription) => Subscription): Promise<Subscription | undefined> {
    if (!isText(conversationId)) return undefined;
    const result = await updateItem<Subscription>(this.storage, itemKey(conversationId), (current) => (current ? apply(stored(current)) : undefined));
    return result ? stored(result) : undefined;
  }

  private async change(
    reference: Partial<ConversationReference>,
    createdBy: string | undefined,
    apply: (sub: Subscription) => Subscription,
  ): Promise<Subscription> {
    const conversationId = reference?.conversation?.id;
    if (!isText(conversationId)) throw new BotError('invalid-input', 'A conversation reference needs a conversation id.');
    const plain = JSON.parse(JSON.stringify(reference)) as Partial<ConversationReference>;
    const result = await updateItem<Subscription>(this.storage, itemKey(conversationId), (current) => {
      const base: Subscription = current ? stored(current) : { conversationId, reference: plain, scope: 'none', createdAt: this.now().toISOString(), mutedUntil: {} };
      // The newest reference wins: its serviceUrl is where the conversation lives now.
      const next = apply({ ...base, reference: plain });
      // Whoever turned alerts on (from nothing watched) is the one to name.
      return createdBy && base.scope === 'none' && next.scope !== 'none' ? { ...next, createdBy } : next;
    });
    await updateItem<SubscriptionIndex>(this.storage, INDEX_KEY, (current) => {
      const ids = current?.conversationIds ?? [];
      return ids.includes(conversationId) ? undefined : { conversationIds: [...ids, conversationId] };
    });
    return stored(result as Subscription);
  }
}

/** True when the subscription covers the app and the app is not muted at `now`. */
export function watches(sub: Subscription, spId: string, now: Date): boolean {
  return covers(sub, spId) && !isMuted(sub, spId, now);
}

/** True when this conversation wants this incident now: it covers the app, the app is not muted, and no detector or per-app filter leaves it out. */
export function wants(sub: Subscription, incident: Incident, now: Date): boolean {
  const spId = incident.app.spId;
  if (!watches(sub, spId, now) || sub.detectors?.[incident.kind] === false) return false;
  if (incident.kind === 'stalled' && (incident.quietHours ?? 0) < (sub.stalledHours ?? STALLED_HOURS)) return false;
  const only = sub.only?.[spId];
  return !only || only.includes(incident.kind);
}

export function covers(sub: Subscription, spId: string): boolean {
  if (sub.scope === 'all') return true;
  if (sub.scope === 'none') return false;
  return sub.scope.spIds.includes(spId);
}

export function isMuted(sub: Subscription, spId: string, now: Date): boolean {
  const until = Date.parse(sub.mutedUntil?.[spId] ?? '');
  return !Number.isNaN(until) && until > now.getTime();
}

/** The apps an explicit scope names (none for 'all' or 'none'). */
export function appsOf(scope: AlertScope): WatchedApp[] {
  if (scope === 'all' || scope === 'none') return [];
  return scope.spIds.map((spId, i) => ({ spId, name: scope.names[i] ?? spId }));
}

function scopeOf(apps: WatchedApp[]): AlertScope {
  return apps.length === 0 ? 'none' : { spIds: apps.map((a) => a.spId), names: apps.map((a) => a.name) };
}

// Conversation ids hold `:`, `;`, `@` and can be long; a hash makes a key every storage accepts.
function itemKey(conversationId: string): string {
  return `alerts/sub/${createHash('sha256').update(conversationId, 'utf8').digest('hex').slice(0, 40)}`;
}

function stored(item: Subscription & { eTag?: string }): Subscription {
  const { eTag: _eTag, ...sub } = item;
  return { ...sub, mutedUntil: sub.mutedUntil ?? {} };
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
