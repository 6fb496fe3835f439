// Graph's per-app limits (5 provisioning-log requests per 10 s per tenant) bind the app, not one process: two
// instances behind a load balancer would each allow the whole limit. So each instance says it is alive in the
// storage they share, every HEARTBEAT_MS, and counts the others; graph/requestBudget.ts gives each its share.
// The heartbeats of one scope (what shares the limit: the bot's app) live in one item, changed by
// compare-and-set: botbuilder's Storage cannot list keys, so instances could not find each other's items.
import { randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Logger } from '../log';
import { updateItem } from './compareAndSet';
import { soon } from './soon';

export const HEARTBEAT_MS = 30_000;
/** Three missed heartbeats: the instance has stopped or crashed. */
export const STALE_MS = 90_000;

/** Budgets are kept per process, so a process is one instance, however many bots it starts. */
const PROCESS_ID = randomUUID();

interface Heartbeats {
  /** Instance id → its last heartbeat (epoch ms). */
  beats: Record<string, number>;
}

export interface InstancesOptions {
  /** Default: this process's id. */
  id?: string;
  now?: () => number;
  heartbeatMs?: number;
  staleMs?: number;
  logger?: Logger;
}

export class Instances {
  readonly id: string;
  private readonly key: string;
  private readonly now: () => number;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private live = 1;
  private warned = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private beating?: Promise<number>;

  /**
   * @param scope what shares Graph's limits: the bot's app id (in local mode, the Graph URL). Other bots
   * keeping their state in the same storage count apart.
   */
  constructor(
    private readonly storage: Storage,
    scope: string,
    private readonly options: InstancesOptions = {},
  ) {
    this.key = `instances/${encodeURIComponent(scope)}`;
    this.id = options.id ?? PROCESS_ID;
    this.now = options.now ?? Date.now;
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
    this.staleMs = options.staleMs ?? STALE_MS;
  }

  /** Live instances, this one included, as of the last heartbeat; 1 before it, or when storage failed. */
  get count(): number {
    return this.live;
  }

  /** Says this instance is alive, forgets the stale ones and counts the rest. Never throws. */
  async beat(): Promise<number> {
    const now = this.now();
    try {
      const written = await updateItem<Heartbeats>(this.storage, this.key, (current) => ({
        beats: { ...this.fresh(current?.beats, now), [this.id]: now },
      }));
      this.counted(Object.keys(written!.beats).length);
    } catch (err) {
      // One instance is the common case: taking the whole limit beats refusing every log read.
      if (!this.warned) {
        this.warned = true;
        this.options.logger?.warn({ err }, 'Storage did not take this instance’s heartbeat: it takes the whole of Graph’s per-app limits, which several instances together may exceed');
      }
      this.counted(1);
    }
    return this.live;
  }

  /** Beats now and every heartbeat after; resolves after the first. */
  start(): Promise<number> {
    const next = (): void => {
      this.timer = setTimeout(() => void run(), this.heartbeatMs);
      this.timer.unref();
    };
    const run = async (): Promise<number> => {
      this.beating = this.beat();
      const count = await this.beating;
      if (!this.stopped) next();
      return count;
    };
    return run();
  }

  /** Stops beating and takes this instance out, so the others take its share at their next heartbeat. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await soon(this.beating);
    const leave = updateItem<Heartbeats>(this.storage, this.key, (current) => {
      if (!current?.beats[this.id]) return undefined;
      const { [this.id]: _gone, ...others } = current.beats;
      return { beats: others };
    });
    // A heartbeat left behind goes stale on its own; a shutdown does not wait on a slow or failing storage.
    await soon(leave).catch(() => undefined);
  }

  private fresh(beats: Record<string, number> | undefined, now: number): Record<string, number> {
    return Object.fromEntries(Object.entries(beats ?? {}).filter(([, at]) => now - at < this.staleMs));
  }

  private counted(live: number): void {
    if (live !== this.live) this.options.logger?.info({ instances: live }, 'instances sharing Graph’s per-app limits');
    this.live = live;
  }
}
