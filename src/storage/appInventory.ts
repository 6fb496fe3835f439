// The tenant's apps with provisioning (service principals with synchronization jobs, and their job state as
// last read), kept in the bot's storage so every instance and every turn shares one list. Graph has no filter
// for "has provisioning": finding them means reading every service principal's jobs (a scan, O(service
// principals)). The scan runs on a miss and in the background when the list is older than `rescanMs`;
// between scans questions read only the known apps' jobs, and every read of them (overview, the alert
// poller's cycle, a name looked up) updates the list: an app found is added, an app gone is dropped.
// Answers never show a stored job state: they read the jobs again (so a remedy's change shows at once).
import { createHash } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { AppEvidence } from '../domain/types';
import { BotError } from '../errors';
import type { GraphGateway } from '../graph/gateway';
import { withinQuestion } from '../graph/questionScope';
import type { ServicePrincipal, SynchronizationJob } from '../graph/types';
import type { Logger } from '../log';
import { appsOfJobs, scanProvisioningApps, type KnownApps, type ProvisioningInventory } from '../resolve/provisioningApps';
import { updateItem } from './compareAndSet';

/** One service principal with provisioning; `jobs` undefined when its jobs could not be read last time. */
interface Entry {
  sp: ServicePrincipal;
  jobs?: SynchronizationJob[];
}

interface InventoryRecord {
  /** When the last full scan finished (ms since the epoch); 0 = a scan is due. */
  scannedAt: number;
  entries: Entry[];
}

export interface AppInventoryOptions {
  /** A full scan is started in the background when the last one is older than this. Default 1 hour. */
  rescanMs?: number;
  /** How long an instance reuses what it read from storage before reading it again. Default 5 s. */
  memoryMs?: number;
  now?: () => number;
  logger?: Logger;
}

/** A background scan's deadline: thousands of service principals at a few `$batch`es in flight. */
const BACKGROUND_SCAN_MS = 5 * 60_000;

const keyOf = (gateway: GraphGateway) => `appInventory/${createHash('sha256').update(gateway.tenantKey).digest('hex').slice(0, 32)}`;

/** Per stored record (kept in memory a few seconds): every turn between reads gets the same lists. */
const inventories = new WeakMap<InventoryRecord, ProvisioningInventory>();

function toInventory(record: InventoryRecord): ProvisioningInventory {
  const known = inventories.get(record);
  if (known) return known;
  const inventory: ProvisioningInventory = {
    apps: record.entries.flatMap((e) => (e.jobs ? appsOfJobs(e.sp, e.jobs) : [])),
    unreadable: record.entries
      .filter((e) => !e.jobs)
      .map((e) => ({ spId: e.sp.id, displayName: e.sp.displayName ?? e.sp.appId, error: new BotError('graph-unavailable', 'Its provisioning jobs could not be read.') })),
  };
  inventories.set(record, inventory);
  return inventory;
}

/** The entries a read of these service principals' jobs implies: found, unreadable, or gone (absent). */
function entriesOf(read: readonly ServicePrincipal[], found: ProvisioningInventory): Map<string, Entry | null> {
  const out = new Map<string, Entry | null>(read.map((sp) => [sp.id, null]));
  for (const u of found.unreadable) {
    const sp = read.find((s) => s.id === u.spId);
    if (sp) out.set(sp.id, { sp });
  }
  for (const app of found.apps) {
    const entry = out.get(app.app.spId) ?? { sp: slim(app.servicePrincipal), jobs: [] };
    entry.jobs = [...(entry.jobs ?? []), slimJob(app.job)];
    out.set(app.app.spId, entry);
  }
  return out;
}

/** Only what the list needs: a full service principal (app roles) is read when an app is looked at. */
const slim = (sp: ServicePrincipal): ServicePrincipal => ({ id: sp.id, appId: sp.appId, displayName: sp.displayName });
/**
 * A job's id, template and status code: what names an app and says whether it runs. Whole job bodies (settings,
 * progress, the last cycle's counts) made a 5,000-app inventory ten times larger, read by every instance.
 */
const slimJob = (job: SynchronizationJob): SynchronizationJob =>
  ({ id: job.id, templateId: job.templateId, ...(job.status?.code ? { status: { code: job.status.code } } : {}) }) as SynchronizationJob;

export class AppInventory implements KnownApps {
  private readonly memory = new Map<string, { record: InventoryRecord; at: number }>();
  private readonly scans = new Map<string, Promise<{ record: InventoryRecord; found: ProvisioningInventory }>>();
  private readonly rescanMs: number;
  private readonly memoryMs: number;
  private readonly now: () => number;

  constructor(
    private readonly storage: Storage,
    private readonly options: AppInventoryOptions = {},
  ) {
    this.rescanMs = options.rescanMs ?? 60 * 60_000;
    this.memoryMs = options.memoryMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  async read(gateway: GraphGateway): Promise<ProvisioningInventory & { scanned: boolean }> {
    const record = await this.load(keyOf(gateway));
    // A miss: the asking question scans, within its own deadline (what it could not read, it says), and is
    // answered from the jobs the scan read, not from the slim copy kept.
    if (!record) return { ...(await this.scanNow(gateway, false)).found, scanned: true };
    if (this.now() - record.scannedAt > this.rescanMs) {
      // Served from the list meanwhile; a failed background scan is retried by the next question.
      this.scan(gateway).catch((error) => this.options.logger?.warn({ err: error }, 'app inventory: background scan failed'));
    }
    return { ...toInventory(record), scanned: false };
  }

  /** The apps as last seen (no Graph request at steady state): for names and fuzzy matching. */
  async known(gateway: GraphGateway): Promise<AppEvidence[]> {
    return (await this.read(gateway)).apps;
  }

  async observe(gateway: GraphGateway, read: readonly ServicePrincipal[], found: ProvisioningInventory): Promise<void> {
    const seen = entriesOf(read, found);
    await this.update(gateway, (current) => {
      const entries = new Map(current.entries.map((e) => [e.sp.id, e]));
      for (const [spId, entry] of seen) {
        if (entry) entries.set(spId, entry);
        else entries.delete(spId);
      }
      return { ...current, entries: [...entries.values()] };
    });
  }

  /**
   * Scans now (coalesced: one scan per tenant at a time in this instance) and stores the result. In the
   * background it has its own deadline, not that of the question that happened to start it. A scan that could
   * not read some service principals (throttling, time-outs) is stored as due again, so the next read rescans.
   */
  scan(gateway: GraphGateway, background = true): Promise<InventoryRecord> {
    return this.scanNow(gateway, background).then((s) => s.record);
  }

  private scanNow(gateway: GraphGateway, background: boolean): Promise<{ record: InventoryRecord; found: ProvisioningInventory }> {
    const key = keyOf(gateway);
    const running = this.scans.get(key);
    if (running) return running;
    const work = async () => {
      const found = await scanProvisioningApps(gateway);
      const partial = found.unreadable.some((u) => u.error.code !== 'graph-forbidden');
      const entries = [...entriesOf([...found.apps.map((a) => a.servicePrincipal), ...found.unreadable.map((u) => ({ id: u.spId, appId: '', displayName: u.displayName }))], found).values()].filter(
        (e): e is Entry => e !== null,
      );
      const record: InventoryRecord = { scannedAt: partial ? 0 : this.now(), entries };
      // Another instance's newer scan wins; ours is still this question's answer.
      await updateItem<InventoryRecord>(this.storage, key, (current) => (current && current.scannedAt > record.scannedAt ? undefined : record));
      this.memory.set(key, { record, at: this.now() });
      return { record, found };
    };
    const scan = (background ? withinQuestion({ deadlineMs: BACKGROUND_SCAN_MS, user: 'app-inventory' }, work) : work()).finally(() => this.scans.delete(key));
    this.scans.set(key, scan);
    return scan;
  }

  private async load(key: string): Promise<InventoryRecord | undefined> {
    const cached = this.memory.get(key);
    if (cached && this.now() - cached.at < this.memoryMs) return cached.record;
    const stored = (await this.storage.read([key]))[key] as (InventoryRecord & { eTag?: string }) | undefined;
    if (!stored) return undefined;
    const { eTag: _eTag, ...record } = stored;
    this.memory.set(key, { record, at: this.now() });
    return record;
  }

  /** Changes the stored list (compare-and-set: two instances' updates both land); nothing without a list yet. */
  private async update(gateway: GraphGateway, change: (current: InventoryRecord) => InventoryRecord): Promise<void> {
    const key = keyOf(gateway);
    let written: InventoryRecord | undefined;
    await updateItem<InventoryRecord>(this.storage, key, (current) => {
      if (!current) return undefined;
      const { eTag: _eTag, ...record } = current;
      const next = change(record);
      // Unchanged: no write (a steady overview costs no storage write).
      if (JSON.stringify(next.entries) === JSON.stringify(record.entries)) return undefined;
      return (written = next);
    });
    if (written) this.memory.set(key, { record: written, at: this.now() });
  }
}
