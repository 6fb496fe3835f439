// "Who was skipped in Salesforce today?": the window's entries, counted and grouped by cause, as a list card
// with a "Why?" button per person (the same question the bot answers for one person) and "Retry all (N)"
// when failed users of one app can be provisioned on demand again.
import { diagnoseList, retryable, type ListedPerson } from '../diagnose/list';
import type { AppEvidence } from '../domain/types';
import { gatherList } from '../gather/gatherList';
import type { GraphGateway } from '../graph/gateway';
import { isGuid, isJobId } from '../graph/odataText';
import { remedyButton } from '../remediation/buttons';
import { MAX_RETRIES } from '../remediation/retryFailed';
import { renderList, type Rendered } from '../render';
import { toData, type Question } from './question';

/** `allApps`: every app's job (the inventory), for a list of all apps: one that broke as a whole is said too. */
export async function answerList(question: Question, gateway: GraphGateway, app: AppEvidence | undefined, now: Date, whyVerb: string, allApps?: Promise<readonly AppEvidence[] | undefined>): Promise<Rendered> {
  const evidence = await gatherList(gateway, question.intent, app?.app, now);
  const apps = await allApps;
  const result = diagnoseList(app ? { ...evidence, job: app.job } : { ...evidence, ...(apps ? { apps: apps.map((a) => ({ app: a.app, job: a.job })) } : {}) });
  const why = (p: ListedPerson) =>
    isGuid(p.id) && isGuid(p.app.spId) && isJobId(p.app.jobId)
      ? { verb: whyVerb, data: { ...toData({ intent: { topic: 'skipped' }, principalPick: { kind: p.kind, id: p.id }, appPick: { spId: p.app.spId, jobId: p.app.jobId } }) } }
      : undefined;
  const failed = app && (result.kind === 'failure' || result.kind === 'problems') ? retryable(result).length : 0;
  const retry = failed
    ? remedyButton('retryFailed', failed > MAX_RETRIES ? `Retry ${MAX_RETRIES} of ${failed}` : `Retry all (${failed})`, app!.app, { since: evidence.since })
    : undefined;
  return renderList(result, { why, ...(retry ? { retry } : {}) });
}
