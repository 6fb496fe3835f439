// "what has been done on Salesforce?", "when did Slack last run?", "who changed the ServiceNow credentials?":
// the app's timeline from the bot's records, Entra's audit log and the job's status, one page at a time.
import { diagnoseHistory } from '../diagnose/history';
import type { AppEvidence } from '../domain/types';
import { gatherHistory } from '../gather/gatherHistory';
import { renderHistory, type Rendered } from '../render';
import type { AnswerDeps } from './answerQuestion';
import { toData, type Question } from './question';

/** The verb of the paging buttons: the same as a "which one?" choice, since it re-asks the question. */
export async function answerHistory(question: Question, deps: AnswerDeps, app: AppEvidence, now: Date, chooseVerb: string): Promise<Rendered> {
  const evidence = await gatherHistory(deps.gateway, deps.audit, deps.tenantId, app, now);
  const view = diagnoseHistory(evidence, question.intent.historyFocus ?? 'all');
  return renderHistory(view, {
    page: question.page ?? 0,
    pageButton: (page) => ({ verb: chooseVerb, data: { ...toData({ ...question, page }), spId: app.app.spId, jobId: app.app.jobId } }),
    timeZone: deps.timeZone,
    locale: deps.locale,
  });
}
