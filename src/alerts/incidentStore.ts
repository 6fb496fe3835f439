// Exactly-once alert posting across any number of bot instances sharing one storage. Each (incident,
// conversation) pair has one record that moves
//
//   open-unposted ──claim──▶ posting ──post ok──▶ posted ──claim──▶ resolving ──update+reply──▶ resolved
//        ▲  (post failed: release)  │                 ▲  (failed: release)  │
//        └──────────────────────────┘                 └─────────────────────┘
//
// A claim is an eTag compare-and-set that writes a lease (owner, token, expiry); only one instance can win it.
// Only the holder sends, and it writes the next state with the eTag its claim produced, so a holder whose
// lease ran out and was re-claimed by someone else cannot overwrite the newer state. A holder that crashes
// leaves `posting`/`resolving` behind; once the lease has expired any instance may claim it again, so the
// decision to alert is never lost.
//
// The window left: a post that reached Teams but could not be recorded as `posted` — the process crashed in
// between, or storage stayed unavailable through a few retries — is posted again by the next claimant once
// the lease (default 5 minutes) has run out. Once a send has succeeded the holder never releases its claim,
// and sends that are not idempotent are retried only on answers that say Teams did not process them, so the
// window is a crash or a storage outage at that moment. Teams offers no idempotency key for new threads, so
// a duplicate there cannot be ruled out, only made rare; the lease stays well above the longest a post may
// take with its retries, so a slow but live holder is never overtaken.
import { createHash, randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { updateItem } from '../storage/compareAndSet';
import { readItems } from '../storage/readItems';
import { isETagConflict } from '../storage/fileStorage';
import type { Incident } from './incidents';

export type RecordState = 'open-unposted' | 'posting' | 'posted' | 'resolving' | 'resolved';

export interface Lease {
  owner: string;
  token: string;
  expiresAt: string;
}

export interface IncidentRecord {
  id: string;
  incidentKey: string;
  conversationId: string;
  /** The incident as first seen in this occurrence. */
  incident: Incident;
  state: RecordState;
  openedAt: string;
  lease?: Lease;
  /** The alert card's activity id (for updateActivity) and the thread it started. */
  activityId?: string;
  threadId?: string;
  /** Posted as one grouped card (an alert storm): the id of the group item listing that card's incidents. */
  group?: string;
  postedAt?: string;
  resolvedAt?: string;
  /** Closed without anything sent: it was never posted, or the conversation is gone. */
  dropped?: boolean;
  /** Failed sends so far in this state. */
  attempts: number;
  lastError?: string;
}

/** One incident of a grouped card: its key and the app's name (kept for saying it recovered). */
export interface GroupEntry {
  key: string;
  name: string;
}

/** 'post' takes an unposted record (to post it, or to drop it); 'resolve' takes a posted one. */
export type ClaimPurpose = 'post' | 'resolve';

/** Proof of a won claim: the record as claimed and the eTag the claim's write produced. */
export interface Claim {
  purpose: ClaimPurpose;
  record: IncidentRecord;
  eTag: string;
}

export interface IncidentStoreOptions {
  /** How long a claim holds before another instance may take it over. Default 5 minutes. */
  leaseMs?: number;
  now?: () => Date;
}

interface RecordIndex {
  ids: string[];
}

const INDEX_KEY = 'alerts/incidents/index';
const DEFAULT_LEASE_MS = 5 * 60_000;
const MAX_ERROR_CHARS = 300;

export class IncidentStore {
  readonly leaseMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly storage: Storage,
    options: IncidentStoreOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The record of this incident in this conversation, created `open-unposted` when there is none. A resolved
   * record is opened again (a new occurrence) only when the incident was observed after it was resolved: an
   * instance whose reading of Graph predates another instance's resolution must not re-open it. Undefined in
   * that case.
   */
  async ensure(incident: Incident, conversationId: string, observedAt: Date): Promise<IncidentRecord | undefined> {
    return (await this.ensureAll([incident], conversationId, observedAt)).get(incident.key);
  }

  /**
   * `ensure` for many incidents of one conversation (a storm), by incident key, with one write of the index:
   * an index written once per incident made a first cycle with thousands of incidents quadratic.
   */
  async ensureAll(incidents: readonly Incident[], conversationId: string, observedAt: Date): Promise<Map<string, IncidentRecord>> {
    const out = new Map<string, IncidentRecord>();
    for (const incident of incidents) {
      const id = recordId(incident.key, conversationId);
      const fresh = (): IncidentRecord => ({
        id,
        incidentKey: incident.key,
        conversationId,
        incident,
        state: 'open-unposted',
        openedAt: observedAt.toISOString(),
        attempts: 0,
      });
      const item = await updateItem<IncidentRecord>(this.storage, recordKey(id), (current) => {
        if (!current) return fresh();
        if (current.state === 'resolved' && Date.parse(current.resolvedAt ?? '') < observedAt.getTime()) return fresh();
        return undefined;
      });
      const record = item && plain(item);
      if (record && record.state !== 'resolved') out.set(incident.key, record);
    }
    if (out.size) {
      const added = [...out.values()].map((r) => r.id);
      await this.index((ids) => {
        const have = new Set(ids);
        const missing = added.filter((id) => !have.has(id));
        return missing.length ? [...ids, ...missing] : undefined;
      });
    }
    return out;
  }

  /** Every record not yet resolved. */
  async open(): Promise<IncidentRecord[]> {
    const [index] = await readItems<RecordIndex>(this.storage, [INDEX_KEY]);
    const records = await readItems<IncidentRecord>(this.storage, (index?.ids ?? []).map(recordKey));
    return records.filter((r) => r.state !== 'resolved').map(plain);
  }

  async get(incidentKey: string, conversationId: string): Promise<IncidentRecord | undefined> {
    const key = recordKey(recordId(incidentKey, conversationId));
    const item = (await this.storage.read([key]))[key] as IncidentRecord | undefined;
    return item ? plain(item) : undefined;
  }

  /** True when `purpose` may claim the record now (its state fits and no live lease holds it). */
  claimable(record: IncidentRecord, purpose: ClaimPurpose): boolean {
    const [idle, held] = purpose === 'post' ? ['open-unposted', 'posting'] : ['posted', 'resolving'];
    if (record.state === idle) return true;
    return record.state === held && !(Date.parse(record.lease?.expiresAt ?? '') > this.now().getTime());
  }

  /** Takes the record for `owner`, or undefined when it is not claimable or another instance won the race. */
  async claim(id: string, purpose: ClaimPurpose, owner: string): Promise<Claim | undefined> {
    const key = recordKey(id);
    const current = (await this.storage.read([key]))[key] as (IncidentRecord & { eTag?: string }) | undefined;
    if (!current?.eTag || !this.claimable(current, purpose)) return undefined;
    const lease: Lease = { owner, token: randomUUID(), expiresAt: new Date(this.now().getTime() + this.leaseMs).toISOString() };
    const held = purpose === 'post' ? 'posting' : 'resolving';
    if (!(await this.replace(key, current.eTag, { ...plain(current), state: held, lease }))) return undefined;
    // Storage.write does not return the new eTag: read it back. Nobody else can have written in between
    // without first waiting out our lease, so the token tells whether this is still our claim.
    const mine = (await this.storage.read([key]))[key] as (IncidentRecord & { eTag?: string }) | undefined;
    if (!mine?.eTag || mine.lease?.token !== lease.token) return undefined;
    return { purpose, record: plain(mine), eTag: mine.eTag };
  }

  /** Records the posted card. False when the claim was lost (its lease expired and someone else took it). */
  markPosted(claim: Claim, posted: { activityId: string; threadId?: string; group?: string }): Promise<boolean> {
    const { lease: _lease, lastError: _error, ...record } = claim.record;
    return this.replace(recordKey(record.id), claim.eTag, {
      ...record,
      state: 'posted',
      activityId: posted.activityId,
      ...(posted.threadId ? { threadId: posted.threadId } : {}),
      ...(posted.group ? { group: posted.group } : {}),
      postedAt: this.now().toISOString(),
      attempts: 0,
    });
  }

  /** Closes the record (`dropped` when nothing was or could be sent). False when the claim was lost. */
  async markResolved(claim: Claim, options: { dropped?: boolean } = {}): Promise<boolean> {
    const { lease: _lease, lastError: _error, ...record } = claim.record;
    const written = await this.replace(recordKey(record.id), claim.eTag, {
      ...record,
      state: 'resolved',
      resolvedAt: this.now().toISOString(),
      ...(options.dropped ? { dropped: true } : {}),
    });
    if (written) await this.index((ids) => (ids.includes(record.id) ? ids.filter((i) => i !== record.id) : undefined));
    return written;
  }

  /**
   * Keeps the list of incidents one grouped card shows, once for the whole card (each record names it by id,
   * so a storm of n apps stores n small records, not n copies of the list). Written by the poster only.
   */
  async saveGroup(conversationId: string, activityId: string, members: GroupEntry[]): Promise<string> {
    const id = recordId(`group|${activityId}`, conversationId);
    await this.storage.write({ [groupKey(id)]: { members } });
    return id;
  }

  async group(id: string): Promise<GroupEntry[]> {
    const item = (await this.storage.read([groupKey(id)]))[groupKey(id)] as { members?: GroupEntry[] } | undefined;
    return item?.members ?? [];
  }

  /** Gives the claim back after a failed send, so the next cycle retries without waiting for the lease. */
  release(claim: Claim, error?: unknown): Promise<boolean> {
    const { lease: _lease, ...record } = claim.record;
    return this.replace(recordKey(record.id), claim.eTag, {
      ...record,
      state: claim.purpose === 'post' ? 'open-unposted' : 'posted',
      attempts: record.attempts + 1,
      ...(error !== undefined ? { lastError: describe(error) } : {}),
    });
  }

  /** A conditional write; false on an eTag conflict, other storage errors pass through. */
  private async replace(key: string, eTag: string, record: IncidentRecord): Promise<boolean> {
    try {
      await this.storage.write({ [key]: { ...record, eTag } });
      return true;
    } catch (err) {
      if (isETagConflict(err)) return false;
      throw err;
    }
  }

  private async index(change: (ids: string[]) => string[] | undefined): Promise<void> {
    await updateItem<RecordIndex>(this.storage, INDEX_KEY, (current) => {
      const ids = change(current?.ids ?? []);
      return ids && { ids };
    });
  }
}

export function recordId(incidentKey: string, conversationId: string): string {
  return createHash('sha256').update(`${incidentKey}\n${conversationId}`, 'utf8').digest('hex').slice(0, 40);
}

function groupKey(id: string): string {
  return `alerts/group/${id}`;
}

function recordKey(id: string): string {
  return `alerts/incident/${id}`;
}

function plain(item: IncidentRecord & { eTag?: string }): IncidentRecord {
  const { eTag: _eTag, ...record } = item;
  return record;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_CHARS);
}
