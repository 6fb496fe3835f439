// What /healthz reports beyond "the process answers": whether the bot's storage can be read and whether the
// Graph it talks to answers at all. Each check is bounded, so a hanging dependency makes the check slow by
// at most CHECK_MS, never the health endpoint hang.
import type { Storage } from 'botbuilder';
import { within } from './within';

const CHECK_MS = 3000;

export type Reachability = 'ok' | `unreachable: ${string}`;

export type HealthReport = {
  status: 'ok' | 'degraded';
  storage: Reachability;
  graph: Reachability;
};

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 200);

async function storageReachable(storage: Storage): Promise<Reachability> {
  try {
    const items = await within(storage.read(['healthz/probe']), CHECK_MS);
    return items ? 'ok' : `unreachable: no answer within ${CHECK_MS} ms`;
  } catch (error) {
    return `unreachable: ${reason(error)}`;
  }
}

/** Any HTTP answer counts: without a token Microsoft Graph answers 401, which still shows it is reachable. */
async function graphReachable(graphUrl: string): Promise<Reachability> {
  try {
    const res = await fetch(graphUrl, { signal: AbortSignal.timeout(CHECK_MS) });
    await res.body?.cancel();
    return 'ok';
  } catch (error) {
    return `unreachable: ${reason(error)}`;
  }
}

export async function checkHealth(deps: { storage: Storage; graphUrl: string }): Promise<HealthReport> {
  const [storage, graph] = await Promise.all([storageReachable(deps.storage), graphReachable(deps.graphUrl)]);
  return { status: storage === 'ok' && graph === 'ok' ? 'ok' : 'degraded', storage, graph };
}
