// The bot in-process: createBot's routes driven by botbuilder's TestAdapter (no HTTP server, no bot
// process) over the demo Graph stand-in, which records every request. For specs about what the bot answers;
// transport, inbound auth and storage keep their HTTP tests (testBot.ts).
import { randomUUID } from 'node:crypto';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, MemoryStorage, TestAdapter, type Activity, type InvokeResponse } from 'botbuilder';
import { Subscriptions } from '../../src/alerts/subscriptions';
import { createBot } from '../../src/bot/createBot';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoGraph, type DemoRequest } from '../../src/demo';
import { GraphGateway } from '../../src/graph/gateway';
import { createLogger } from '../../src/log';
import { AuditLog } from '../../src/storage/auditLog';
import { Operations } from '../../src/storage/operations';
import { TENANTS } from './tenants';
import type { GraphHook } from './testBot';

export interface InProcessBot {
  graph: DemoGraph;
  /** Every request the Graph stand-in received. */
  graphRequests: DemoRequest[];
  /** Replace to inject failures or latency. */
  hook: GraphHook | undefined;
  /** The personal chat the clicks come from. */
  conversationId: string;
  /** A card button click: the invoke response the bot gave. */
  invoke(verb: unknown, data: unknown): Promise<InvokeResponse>;
  close(): Promise<void>;
}

const ADMIN = { id: '29:admin', name: 'Ada Admin', aadObjectId: '7f3c4e2a-1b2d-4c5e-8f90-123456789abc' };

export interface InProcessBotOptions {
  /** Where the bot sends what it sends outside a turn's reply (a late card update): a connector stand-in. */
  serviceUrl?: string;
  /** The invoke deadline: a click still working past it is answered "working…" (4 s by default, as in Teams). */
  answerWithinMs?: number;
}

export async function startInProcessBot(tenantFile = TENANTS.fabrikam, options: InProcessBotOptions = {}): Promise<InProcessBot> {
  const graphRequests: DemoRequest[] = [];
  const tenant = shiftTimes(loadDemoTenant(tenantFile), new Date());
  const graph = await startDemoGraph({
    tenant,
    onRequest: (req) => {
      graphRequests.push(req);
      return harness.hook?.(req);
    },
  });
  const gateway = new GraphGateway({ baseUrl: graph.url, tenantKey: graph.url, timeoutMs: 3000, provisioningLogLimit: 1000, logCacheMs: 0 });
  const storage = new MemoryStorage();
  const bot = createBot(new TeamsAdapter({}), {
    graphFor: () => gateway,
    logger: createLogger({ level: 'silent' }),
    botAppId: '',
    remediation: { operations: new Operations(storage), audit: new AuditLog(storage), answerWithinMs: options.answerWithinMs },
    alerts: { subscriptions: new Subscriptions(storage), pollSeconds: 0 },
  });
  // TestAdapter queues what the bot sends, the invoke response among it.
  const adapter = new TestAdapter(async (context) => void (await bot.run(context)));
  const conversation = { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: tenant.tenant.id };
  const harness: InProcessBot = {
    graph,
    graphRequests,
    hook: undefined,
    conversationId: conversation.id,
    async invoke(verb, data) {
      adapter.activeQueue.length = 0;
      await adapter.processActivity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        channelId: 'msteams',
        ...(options.serviceUrl ? { serviceUrl: options.serviceUrl } : {}),
        from: ADMIN,
        conversation: conversation as Activity['conversation'],
        channelData: { tenant: { id: tenant.tenant.id } },
        replyToId: 'card-message-1',
        value: { action: { type: 'Action.Execute', verb, data } },
      });
      const response = adapter.activeQueue.find((a) => a.type === ActivityTypes.InvokeResponse);
      if (!response) throw new Error('the bot sent no invoke response');
      return response.value as InvokeResponse;
    },
    close: () => graph.close(),
  };
  return harness;
}
