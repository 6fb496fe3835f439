// Finds the app a question is about among service principals that have provisioning jobs, by fuzzy display
// name: first among the apps the inventory knows (then one `$batch` reads the match again); otherwise a
// prefix filter and a word search in one `$batch`, then the candidates' jobs in a second.
import type { AppEvidence } from '../domain/types';
import { BotError } from '../errors';
import type { GraphGateway } from '../graph/gateway';
import { graphPath, jobPath, jobsPath, SERVICE_PRINCIPAL_FIELDS, SERVICE_PRINCIPALS_PATH, servicePrincipalUrl } from '../graph/endpoints';
import { odataString, searchPhrase } from '../graph/odataText';
import type { GraphCollection, ServicePrincipal, SynchronizationJob } from '../graph/types';
import { appsOfJobs, listProvisioningApps, withJobs, type KnownApps, type ProvisioningInventory } from './provisioningApps';
import { bestMatches, closestNames, MatchLevel, matchLevel } from './rankNames';
import { resolution, Resolution } from './resolution';

const MAX_CANDIDATES = 20;
const appNames = (a: AppEvidence) => [a.app.displayName, a.servicePrincipal.displayName];

async function candidates(gateway: GraphGateway, typed: string): Promise<ServicePrincipal[]> {
  const answers = await gateway.batch<GraphCollection<ServicePrincipal>>([
    { id: 'prefix', method: 'GET', url: graphPath(SERVICE_PRINCIPALS_PATH, { filter: `startswith(displayName,${odataString(typed)})`, select: SERVICE_PRINCIPAL_FIELDS, top: 50 }) },
    { id: 'words', method: 'GET', url: graphPath(SERVICE_PRINCIPALS_PATH, { search: searchPhrase('displayName', typed), select: SERVICE_PRINCIPAL_FIELDS, top: 50 }) },
  ]);
  const found = new Map<string, ServicePrincipal>();
  for (const answer of answers.values()) {
    if (!answer.ok) {
      // `$search` is optional on Graph-compatible servers; a missing permission is not.
      if (answer.error.code === 'graph-forbidden') throw answer.error;
      continue;
    }
    for (const sp of answer.body.value ?? []) found.set(sp.id, sp);
  }
  return [...found.values()];
}

/**
 * The apps the inventory knows by this name, read again (service principal and current jobs, one `$batch`);
 * undefined when it knows none or they are gone (then Graph is searched, which also finds an app added since).
 */
async function fromInventory(gateway: GraphGateway, name: string, known: KnownApps): Promise<AppEvidence[] | undefined> {
  // An inventory that cannot be read now (a scan cut short, storage down) is no reason to fail the question:
  // Graph's name search below still finds the app. A missing permission is the answer, though.
  const stored = await known.read(gateway).catch((error: unknown) => {
    if (error instanceof BotError && error.code === 'graph-forbidden') throw error;
    return undefined;
  });
  const matched = stored ? knownByName(stored.apps, name) : [];
  if (!matched.length) return undefined;
  const sps = [...new Set(matched.map((a) => a.app.spId))];
  const answers = await gateway.batch<unknown>(sps.flatMap((spId) => [
    { id: `sp:${spId}`, method: 'GET' as const, url: servicePrincipalUrl(spId) },
    { id: `jobs:${spId}`, method: 'GET' as const, url: jobsPath(spId) },
  ]));
  const current: ProvisioningInventory = { apps: [], unreadable: [] };
  for (const spId of sps) {
    const sp = answers.get(`sp:${spId}`);
    const jobs = answers.get(`jobs:${spId}`);
    for (const answer of [sp, jobs]) if (answer && !answer.ok && answer.error.code === 'graph-forbidden') throw answer.error;
    if (!sp?.ok || !jobs?.ok) {
      // Gone (404) drops out of the inventory; anything else is unreadable, not gone.
      if (sp?.status !== 404 && jobs?.status !== 404) {
        const error = (sp && !sp.ok && sp.error) || (jobs && !jobs.ok && jobs.error) || undefined;
        const known = matched.find((a) => a.app.spId === spId)!;
        if (error) current.unreadable.push({ spId, displayName: known.servicePrincipal.displayName ?? spId, error });
      }
      continue;
    }
    current.apps.push(...appsOfJobs(sp.body as ServicePrincipal, (jobs.body as GraphCollection<SynchronizationJob>)?.value ?? []));
  }
  await known.observe(gateway, matched.map((a) => a.servicePrincipal), current);
  const apps = bestMatches(name, current.apps, appNames);
  return apps.length ? apps : undefined;
}

/** "the Salesforce app" names Salesforce: a leading article is never part of an app's name. */
const appName = (typed: string) => typed.trim().replace(/^the\s+/i, '') || typed.trim();

/** The inventory's apps a typed name matches (as last seen; no Graph request). */
export const knownByName = (apps: readonly AppEvidence[], typed: string) => bestMatches(appName(typed), apps, appNames);

export async function resolveApp(gateway: GraphGateway, typed: string, known?: KnownApps): Promise<Resolution<AppEvidence>> {
  const name = appName(typed);
  const inventoried = known && (await fromInventory(gateway, name, known));
  if (inventoried) return resolution(name, inventoried, () => []);
  const ranked = (await candidates(gateway, name))
    .map((sp) => ({ sp, level: matchLevel(name, [sp.displayName]) }))
    .filter((c) => c.level > 0)
    .sort((a, b) => b.level - a.level)
    .slice(0, MAX_CANDIDATES);
  const found = await withJobs(gateway, ranked.map((c) => c.sp));
  // An app the inventory did not know yet (added since its last scan) is known from now on.
  await known?.observe(gateway, ranked.map((c) => c.sp).filter((sp) => found.apps.some((a) => a.app.spId === sp.id)), found).catch(() => undefined);
  const apps = bestMatches(name, found.apps, appNames);
  if (apps.length) return resolution(name, apps, () => []);
  // The app is there but its provisioning could not be read: say why rather than "not set up".
  const unreadable = found.unreadable.find((u) => matchLevel(name, [u.displayName]) >= MatchLevel.Prefix);
  if (unreadable) throw unreadable.error;

  // Nothing as typed: fall back to every app with provisioning (typos, accents, words out of order).
  const all = await listProvisioningApps(gateway, known);
  const fallback = resolution(name, bestMatches(name, all, appNames), () => {
    const close = closestNames(name, all.map((a) => a.app.displayName));
    // Nothing close: the apps that do have provisioning are the useful suggestions.
    return close.length ? close : all.slice(0, 8).map((a) => a.app.displayName);
  });
  const exists = ranked.filter((c) => c.level >= MatchLevel.Prefix).map((c) => c.sp.displayName ?? c.sp.appId);
  if (fallback.kind === 'none' && exists.length) {
    return { ...fallback, note: `${[...new Set(exists)].slice(0, 3).join(', ')} ${exists.length > 1 ? 'exist' : 'exists'} in the directory, but provisioning is not set up for ${exists.length > 1 ? 'them' : 'it'}.` };
  }
  return fallback;
}

/** Reads an app chosen earlier (from a card) by service principal id and job id. */
export async function loadApp(gateway: GraphGateway, spId: string, jobId: string): Promise<AppEvidence> {
  const answers = await gateway.batch<ServicePrincipal | SynchronizationJob>([
    { id: 'sp', method: 'GET', url: servicePrincipalUrl(spId) },
    { id: 'job', method: 'GET', url: jobPath(spId, jobId) },
  ]);
  const sp = answers.get('sp')!;
  const job = answers.get('job')!;
  if (!sp.ok) throw sp.error;
  if (!job.ok) throw job.error;
  const servicePrincipal = sp.body as ServicePrincipal;
  const synchronizationJob = job.body as SynchronizationJob;
  return {
    app: { spId: servicePrincipal.id, appId: servicePrincipal.appId, displayName: servicePrincipal.displayName ?? servicePrincipal.appId, jobId: synchronizationJob.id },
    servicePrincipal,
    job: synchronizationJob,
  };
}
