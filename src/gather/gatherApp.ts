// Evidence for the app topics: the job read while resolving the app, plus recent problems (status) or a
// test connection (credentials).
import type { AppEvidence, AppTopicEvidence, CredentialCheck, Topic } from '../domain/types';
import { BotError } from '../errors';
import type { GraphGateway } from '../graph/gateway';
import { jobActionPath } from '../graph/endpoints';
import { problemsOfApp, readLogsIfAllowed } from './provisioningLogs';

/** Graph answers a failed test connection with a 4xx that carries the target's error; other failures are
 *  about Graph itself (permissions, throttling, outages) and are reported as such. */
const CREDENTIAL_FAILURES = new Set([400, 409, 422]);

export async function testConnection(gateway: GraphGateway, app: AppEvidence['app']): Promise<CredentialCheck> {
  try {
    await gateway.post(jobActionPath(app.spId, app.jobId, 'validateCredentials'), { useSavedCredentials: true });
    return { ok: true };
  } catch (error) {
    const status = error instanceof BotError ? Number(error.details.status) : NaN;
    if (!(error instanceof BotError) || !CREDENTIAL_FAILURES.has(status)) throw error;
    return {
      ok: false,
      status,
      code: String(error.details.graphCode ?? 'CredentialValidationFailed'),
      message: String(error.details.graphMessage ?? error.message),
    };
  }
}

export async function gatherAppTopic(gateway: GraphGateway, topic: Topic, app: AppEvidence, now: Date): Promise<AppTopicEvidence> {
  const evidence: AppTopicEvidence = { now: now.toISOString(), app };
  if (topic === 'status') {
    const { entries, unavailable } = await readLogsIfAllowed(problemsOfApp(gateway, app.app.spId));
    evidence.recentProblems = entries;
    if (unavailable) evidence.logsUnavailable = unavailable;
  }
  if (topic === 'credentials') evidence.credentialCheck = await testConnection(gateway, app.app);
  return evidence;
}
