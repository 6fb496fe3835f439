// Bench figures for log reads (issues 12 and 14): a list over a week on an app with 10,000 log entries, and 20
// admins asking about 20 people of one app within 10 s while the stand-in enforces Graph's provisioning-log
// limit (5 requests per 10 s, 429 past it).
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config';
import { loadDemoTenant, shiftTimes, startDemoGraph, type DemoRequest, type DemoTenantFile } from '../../src/demo';
import type { ProvisioningObjectSummary } from '../../src/graph/types';
import { createLogger } from '../../src/log';
import { startBot } from '../../src/startBot';
import type { Figure } from '../figure';
import { activity } from '../support';

const APP = 'Salesforce';
const ENTRIES = 10_000;
const WEEK_MS = 7 * 24 * 3_600_000;

/** The demo tenant with ENTRIES log entries for APP over the last week: its people in turn, 70 % updates, 20 % skips, 10 % failures. */
function tenantWithLogs(): DemoTenantFile {
  const tenant = shiftTimes(loadDemoTenant(), new Date());
  const sp = tenant.servicePrincipals.find((s) => s.displayName === APP)!;
  const logs = tenant.provisioningLogs as ProvisioningObjectSummary[];
  const ofApp = logs.filter((e) => e.servicePrincipal?.id === sp.id);
  // Skips that are problems (a skip with nothing to change is not listed).
  const usable = (status: string) => (e: ProvisioningObjectSummary) => e.provisioningStatusInfo?.status === status && !JSON.stringify(e).includes('RedundantExport');
  const template = (status: string) => ofApp.find(usable(status)) ?? logs.find(usable(status))!;
  const now = Date.now();
  const added: ProvisioningObjectSummary[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    const user = tenant.users[i % tenant.users.length] as { id: string; displayName: string };
    const status = i % 10 === 0 ? 'failure' : i % 10 < 3 ? 'skipped' : 'success';
    added.push({
      ...structuredClone(template(status)),
      id: randomUUID(),
      activityDateTime: new Date(now - Math.floor((i / ENTRIES) * (WEEK_MS - 60_000)) - 1_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      servicePrincipal: { id: sp.id, displayName: sp.displayName },
      sourceIdentity: { id: user.id, displayName: user.displayName, identityType: 'User' },
    });
  }
  return { ...tenant, provisioningLogs: [...added, ...logs.filter((e) => e.servicePrincipal?.id !== sp.id)] };
}

/** A message from one admin, with its replies in the HTTP answer. */

async function ask(endpoint: string, text: string, from: string): Promise<{ ms: number; reply: string }> {
  const started = performance.now();
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(text, `29:${from}`)) });
  const reply = await res.text();
  return { ms: performance.now() - started, reply };
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))];

async function logReads(): Promise<{ rows: string[]; burstLogs: number; burstP95: number }> {
  const tenant = tenantWithLogs();
  const requests: DemoRequest[] = [];
  // Graph's provisioning-log limit, enforced: a sixth request within 10 s gets Graph's 429.
  const sent: number[] = [];
  const graph = await startDemoGraph({
    tenant,
    onRequest: (req) => {
      requests.push(req);
      if (req.path !== '/auditLogs/provisioning') return;
      const now = Date.now();
      while (sent.length && now - sent[0] >= 10_000) sent.shift();
      if (sent.length >= 5) return { status: 429, headers: { 'Retry-After': '10' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } } };
      sent.push(now);
    },
  });
  const config = loadConfig({ PORT: '0', GRAPH_BASE_URL: graph.url, DATA_DIR: '.data/bench-lists', ALERT_POLL_SECONDS: '0', LOG_LEVEL: 'silent' });
  const bot = await startBot(config, createLogger({ level: 'silent' }));
  const endpoint = `${bot.url}/api/messages`;
  const logRequests = () => requests.filter((r) => r.path === '/auditLogs/provisioning').length;
  const rows = ['| question | Graph requests (log requests) | time | answer |', '|---|---|---|---|'];

  const list = `who was skipped in ${APP} in the last 7 days?`;
  requests.length = 0;
  const listed = await ask(endpoint, list, 'admin-0');
  const headline = /"text":"([^"]*(?:skipped|people)[^"]*)"/.exec(listed.reply)?.[1] ?? '(no headline)';
  rows.push(`| ${list} (${ENTRIES.toLocaleString('en')} entries for ${APP}) | ${requests.filter((r) => !r.inBatch).length} (${logRequests()}) | ${Math.round(listed.ms)} ms | ${headline} |`);

  // Past the list's reads, so the burst starts with Graph's window free.
  await new Promise((r) => setTimeout(r, 10_000));
  requests.length = 0;
  const people = (tenant.users as Array<{ displayName: string }>).map((u) => u.displayName).filter((n, i, all) => all.indexOf(n) === i && all.filter((m) => m.split(' ')[0] === n.split(' ')[0]).length === 1).slice(0, 20);
  const times = await Promise.all(
    people.map(async (name, i) => {
      await new Promise((r) => setTimeout(r, i * 500));
      return (await ask(endpoint, `why was ${name} skipped in ${APP}?`, `admin-${i + 1}`)).ms;
    }),
  );
  const burstLogs = logRequests();
  const burstP95 = p95(times);
  rows.push(`| ${people.length} admins, "why was <person> skipped in ${APP}?" for ${people.length} people within 10 s (limit 5 log requests / 10 s enforced) | ${requests.filter((r) => !r.inBatch).length} (${logRequests()}) | p95 ${Math.round(p95(times))} ms, worst ${Math.round(Math.max(...times))} ms | target ≤ 5 log requests, p95 ≤ 3 s |`);
  await bot.close();
  await graph.close();
  return { rows, burstLogs, burstP95 };
}

export const logReadsFigure: Figure = {
  id: 'logs',
  title: "Provisioning-log reads (a week's list on a busy app; 20 admins asking about 20 people of one app)",
  async run() {
    const { rows, burstLogs, burstP95 } = await logReads();
    return {
      table: rows,
      summary: [
        { measure: '20-admin burst: log requests', value: String(burstLogs), against: "Graph's limit, 5 per 10 s", ratio: burstLogs / 5, ok: burstLogs <= 5 },
        { measure: '20-admin burst: p95 reply', value: `${Math.round(burstP95)} ms`, against: 'target 3 s', ratio: burstP95 / 3000, ok: burstP95 <= 3000 },
      ],
    };
  },
};
