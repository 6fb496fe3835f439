// The audit trail of remediation actions, per tenant. Storage cannot list keys, so each tenant has an index
// item (`audit/{tenantId}/index`, newest first) next to its records (`audit/{tenantId}/{id}`). The index is
// updated by eTag compare-and-set, so records written by several bot instances at once all land in it.
import { randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { BotError } from '../errors';
import { redactSecrets } from '../log';
import { updateItem } from './compareAndSet';
import { isKeySegment } from './keys';

export interface AuditActor {
  name: string;
  aadObjectId: string;
}

export interface AuditTarget {
  spId?: string;
  jobId?: string;
  userId?: string;
  groupId?: string;
  appName?: string;
  userName?: string;
}

// 'started' is written before the Graph call and replaced by the outcome: a crash leaves it behind, never nothing.
// 'unknown': Graph did not say, and reading the state afterwards could not tell either.
const RESULTS = ['succeeded', 'failed', 'no-change', 'unknown', 'started'] as const;
export type AuditResult = (typeof RESULTS)[number];

export interface AuditRecord {
  id: string;
  tenantId: string;
  /** ISO 8601 time of the action. */
  at: string;
  actor: AuditActor;
  verb: string;
  target: AuditTarget;
  result: AuditResult;
  detail?: string;
  graphRequestId?: string;
  operationId: string;
}

/** What a caller records; `id` and `at` default to a new id and now. */
export type AuditInput = Omit<AuditRecord, 'id' | 'at'> & Partial<Pick<AuditRecord, 'id' | 'at'>>;

export interface AuditLogOptions {
  /** How long records are kept. Never less than 90 days; default 90. */
  retentionDays?: number;
  now?: () => Date;
}

export interface LatestOptions {
  /** Default 20, at most 500. */
  limit?: number;
  verb?: string;
  targetSpId?: string;
}

/** Enough of each record to filter and prune without reading the records themselves. */
interface IndexEntry {
  id: string;
  at: string;
  verb: string;
  spId?: string;
}

interface AuditIndex {
  entries: IndexEntry[];
}

const MIN_RETENTION_DAYS = 90;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 500;
const MAX_DETAIL_CHARS = 2000;
const DAY_MS = 24 * 60 * 60 * 1000;

export class AuditLog {
  private readonly retentionMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly storage: Storage,
    options: AuditLogOptions = {},
  ) {
    const days = options.retentionDays;
    this.retentionMs = Math.max(MIN_RETENTION_DAYS, Number.isFinite(days) ? (days as number) : 0) * DAY_MS;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Stores the record and adds it to the tenant's index, pruning records past retention. Only the fields of
   * `AuditRecord` are kept, and secrets are scrubbed from `detail`. Throws a BotError('invalid-input') for a
   * record without tenantId, verb, operationId or a known result, or with a tenantId or id containing `/`.
   */
  async record(input: AuditInput): Promise<AuditRecord> {
    const record = toRecord(input, this.now());
    const prefix = tenantPrefix(record.tenantId);
    await this.storage.write({ [`${prefix}/${record.id}`]: { ...record, eTag: '*' } });

    let pruned: IndexEntry[] = [];
    await updateItem<AuditIndex>(this.storage, `${prefix}/index`, (current) => {
      const others = (current?.entries ?? []).filter((e) => e.id !== record.id);
      const entries = [indexEntry(record), ...others].sort(newestFirst);
      pruned = entries.filter((e) => this.expired(e));
      return { entries: entries.filter((e) => !this.expired(e)) };
    });
    if (pruned.length > 0) {
      // The index no longer points at these, so a failed delete only leaves an unreachable item behind.
      await this.storage.delete(pruned.map((e) => `${prefix}/${e.id}`)).catch(() => undefined);
    }
    return record;
  }

  /** The tenant's most recent records, newest first, optionally only one verb and/or service principal. */
  async latest(tenantId: string, options: LatestOptions = {}): Promise<AuditRecord[]> {
    if (!isKeySegment(tenantId)) return [];
    const prefix = tenantPrefix(tenantId);
    const index = (await this.storage.read([`${prefix}/index`]))[`${prefix}/index`] as AuditIndex | undefined;
    const wanted = (index?.entries ?? [])
      .filter((e) => !this.expired(e))
      .filter((e) => options.verb === undefined || e.verb === options.verb)
      .filter((e) => options.targetSpId === undefined || e.spId === options.targetSpId)
      .slice(0, clampLimit(options.limit));
    if (wanted.length === 0) return [];
    const items = await this.storage.read(wanted.map((e) => `${prefix}/${e.id}`));
    return wanted.flatMap((e) => {
      const item = items[`${prefix}/${e.id}`] as (AuditRecord & { eTag?: string }) | undefined;
      if (!item) return [];
      const { eTag: _eTag, ...stored } = item;
      return [stored];
    });
  }

  private expired(entry: IndexEntry): boolean {
    return this.now().getTime() - Date.parse(entry.at) > this.retentionMs;
  }
}

function toRecord(input: AuditInput, now: Date): AuditRecord {
  if (
    !isKeySegment(input?.tenantId) ||
    !isText(input.verb) ||
    !isText(input.operationId) ||
    !RESULTS.includes(input.result) ||
    (input.id !== undefined && !isKeySegment(input.id))
  ) {
    throw new BotError('invalid-input', 'An audit record needs a tenantId, a verb, an operationId and a known result.');
  }
  const at = input.at && !Number.isNaN(Date.parse(input.at)) ? new Date(input.at).toISOString() : now.toISOString();
  const t = input.target ?? {};
  // Copy field by field: whatever else the caller's object carries (a token, a raw response) stays out.
  const target: AuditTarget = {};
  for (const field of ['spId', 'jobId', 'userId', 'groupId', 'appName', 'userName'] as const) {
    if (typeof t[field] === 'string') target[field] = t[field];
  }
  return {
    id: input.id ?? randomUUID(),
    tenantId: input.tenantId,
    at,
    actor: { name: String(input.actor?.name ?? ''), aadObjectId: String(input.actor?.aadObjectId ?? '') },
    verb: input.verb,
    target,
    result: input.result,
    ...(typeof input.detail === 'string' ? { detail: redactSecrets(input.detail).slice(0, MAX_DETAIL_CHARS) } : {}),
    ...(typeof input.graphRequestId === 'string' ? { graphRequestId: input.graphRequestId } : {}),
    operationId: input.operationId,
  };
}

function indexEntry(record: AuditRecord): IndexEntry {
  return { id: record.id, at: record.at, verb: record.verb, ...(record.target.spId ? { spId: record.target.spId } : {}) };
}

function newestFirst(a: IndexEntry, b: IndexEntry): number {
  return Date.parse(b.at) - Date.parse(a.at);
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit < 1) return DEFAULT_LIMIT;
  return Math.min(Math.floor(limit), MAX_LIMIT);
}

function tenantPrefix(tenantId: string): string {
  return `audit/${tenantId}`;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
