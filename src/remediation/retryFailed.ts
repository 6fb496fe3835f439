// "Retry all (N)": provision on demand, person by person, everyone whose provisioning to an app failed in a
// window. Graph has no bulk call, and on-demand runs are limited (5 per 10 s per tenant, which the gateway's
// budget keeps), so one click does at most MAX_RETRIES people, stops before the click's work deadline, shows
// its progress, and ends with a tally. Each person's outcome is audited on its own.
import { randomUUID } from 'node:crypto';
import { problemFromError } from '../answer/problemFromError';
import { explainProvisioningError } from '../diagnose/errorCodes';
import { diagnoseList, retryable, type ListedPerson } from '../diagnose/list';
import type { Fact } from '../domain/types';
import { BotError } from '../errors';
import { logsInWindow } from '../gather/provisioningLogs';
import { jobActionPath, jobSchemaPath } from '../graph/endpoints';
import { timeLeft } from '../graph/questionScope';
import type { SynchronizationSchema } from '../graph/types';
import { loadApp } from '../resolve/findApp';
import { cancelButton, confirmButton } from './buttons';
import { describeOnDemand, readOnDemandResult } from './readOnDemandResult';
import type { Execution, RemedyContext, RemedyHandler } from './remedyTypes';

/** People one click retries at most; the card says how many remain. */
export const MAX_RETRIES = 50;
/** Failures this old or newer are retried when the button names no window. */
export const DEFAULT_RETRY_HOURS = 24 * 7;
/** A person is not started with less time than this left: one on-demand slot may take a 10 s window. */
const TIME_PER_PERSON_MS = 12_000;

interface RetryDetails {
  people: ListedPerson[];
  /** Users whose newest entry in the window failed, before the cap. */
  total: number;
  ruleId?: string;
}

type Bucket = 'provisioned' | 'up to date' | 'skipped' | 'failed' | 'not tried';

function since(ctx: RemedyContext): string {
  return ctx.request.since ?? new Date(ctx.now.getTime() - DEFAULT_RETRY_HOURS * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function userRule(schema: SynchronizationSchema | undefined): string | undefined {
  return schema?.synchronizationRules?.find((r) => r.objectMappings?.some((m) => String(m.sourceObjectName).toLowerCase() === 'user' && m.enabled !== false))?.id;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const retryFailed: RemedyHandler = {
  needsConfirmation: true,
  async inspect(ctx) {
    const [app, schema, read] = await Promise.all([
      loadApp(ctx.gateway, ctx.request.spId, ctx.request.jobId),
      ctx.gateway.get<SynchronizationSchema>(jobSchemaPath(ctx.request.spId, ctx.request.jobId)),
      logsInWindow(ctx.gateway, { spId: ctx.request.spId, since: since(ctx), statuses: ['failure'] }),
    ]);
    const list = diagnoseList({ kind: 'failure', windowLabel: '', app: app.app, entries: read.entries });
    const all = retryable(list);
    const ruleId = userRule(schema);
    const details: RetryDetails = { people: all.slice(0, MAX_RETRIES), total: all.length, ...(ruleId ? { ruleId } : {}) };
    const current: Fact[] = [
      { label: 'Failed since', value: `${since(ctx).slice(0, 16).replace('T', ' ')} UTC` },
      { label: 'People to retry', value: all.length > MAX_RETRIES ? `${MAX_RETRIES} of ${all.length} (the newest failures first)` : String(all.length) },
    ];
    const stale = !ruleId
      ? `${app.app.displayName}'s provisioning has no rule for users, so nobody can be provisioned on demand.`
      : all.length === 0
        ? `Nobody's provisioning to ${app.app.displayName} failed since then: there is nothing to retry.`
        : undefined;
    return { app, current, ...(stale ? { stale } : {}), details: details as unknown as Record<string, unknown> };
  },
  confirmation(ctx, inspection) {
    const { people, total } = inspection.details as unknown as RetryDetails;
    const app = inspection.app.app.displayName;
    const names = people.slice(0, 5).map((p) => p.displayName).join(', ') + (people.length > 5 ? ` and ${people.length - 5} more` : '');
    return {
      title: `Retry ${plural(people.length, 'failed user', 'failed users')} in ${app}?`,
      subject: `${names} in ${app}`,
      whatHappens: [
        `Provision each of them on demand, one after the other: import from Microsoft Entra ID, check scope, match, then create or update the account in ${app}.`,
        'Graph allows 5 on-demand runs per 10 seconds, so this takes about 2 seconds per person; the card shows the progress and ends with a tally.',
        'It never provisions someone a regular cycle would not: people whose cause is not fixed fail or are skipped again, with the reason.',
        ...(total > people.length ? [`Only the newest ${people.length} of ${total} are retried by this click; click again afterwards for the rest.`] : []),
      ],
      impact: inspection.current,
      confirm: confirmButton(ctx.request, `Retry ${plural(people.length, 'user', 'users')}`),
      cancel: cancelButton(ctx.request),
    };
  },
  async execute(ctx, inspection) {
    const { people, total, ruleId } = inspection.details as unknown as RetryDetails;
    const app = inspection.app.app.displayName;
    const tally = new Map<string, string[]>();
    const count = (bucket: Bucket, why: string, who: string) => {
      const key = why ? `${bucket} because ${why}` : bucket;
      tally.set(key, [...(tally.get(key) ?? []), who]);
    };
    let done = 0;
    let stopped: string | undefined;
    for (const person of people) {
      if (!stopped && timeLeft() < TIME_PER_PERSON_MS) stopped = 'the time for this click ran out';
      if (stopped) {
        count('not tried', stopped, person.displayName);
        continue;
      }
      let result: Pick<Execution, 'result' | 'title' | 'summary'>;
      let requestId: string | undefined;
      let bucket: Bucket;
      let why = '';
      try {
        const answer = await ctx.gateway.write('POST', jobActionPath(ctx.request.spId, ctx.request.jobId, 'provisionOnDemand'), {
          parameters: [{ ruleId, subjects: [{ objectId: person.id, objectTypeName: 'User' }] }],
        });
        requestId = answer.requestId;
        const outcome = readOnDemandResult(answer.body);
        result = describeOnDemand(outcome, person.displayName, app);
        bucket = outcome.result === 'success' ? 'provisioned' : /redundantexport$/i.test(outcome.code ?? '') ? 'up to date' : outcome.result === 'skipped' ? 'skipped' : 'failed';
        if (bucket === 'skipped') why = result.title.replace(`${person.displayName} was skipped: `, '');
        if (bucket === 'failed') why = outcome.result === 'failure' ? explainProvisioningError({ errorCode: outcome.code, reason: outcome.message }).title.toLowerCase() : 'Graph did not say';
      } catch (error) {
        const problem = problemFromError(error, randomUUID());
        why = problem.title.toLowerCase();
        result = { result: 'failed', title: `Provisioning ${person.displayName} to ${app} failed: ${why}`, summary: problem.whatHappened };
        bucket = 'failed';
        // Without the permission nobody else goes through either: the rest is not tried.
        if (error instanceof BotError && error.code === 'graph-forbidden') stopped = why;
      }
      count(bucket, why, person.displayName);
      await ctx.record?.({ userId: person.id, userName: person.displayName, result: result.result, detail: `${result.title}. ${result.summary}`, graphRequestId: requestId });
      done++;
      ctx.progress?.({ done, total: people.length, title: `Retrying ${plural(people.length, 'failed user', 'failed users')} in ${app}`, summary: `${done} of ${people.length} done.` });
    }
    const changes: Fact[] = [...tally.entries()]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([label, who]) => ({ label: `${who.length} ${label}`, value: who.slice(0, 5).join(', ') + (who.length > 5 ? ` and ${who.length - 5} more` : '') }));
    const provisioned = (tally.get('provisioned') ?? []).length;
    const notTried = [...tally.entries()].filter(([k]) => k.startsWith('not tried')).reduce((n, [, w]) => n + w.length, 0);
    const left = total - people.length + notTried;
    return {
      result: provisioned > 0 ? 'succeeded' : [...tally.keys()].every((k) => k.startsWith('up to date')) ? 'no-change' : 'failed',
      title: `Retried ${plural(done, 'failed user', 'failed users')} in ${app}: ${provisioned} provisioned`,
      summary: `Each was provisioned on demand, one by one.${left > 0 ? ` ${plural(left, 'person is', 'people are')} still to retry: click "Retry all" again.` : ''}`,
      changes,
    };
  },
  // Its effect is in the target system and the logs; the tally (and each person's audit record) says it.
  async verify(ctx) {
    const app = await loadApp(ctx.gateway, ctx.request.spId, ctx.request.jobId);
    return { applied: undefined, state: `each person's result is in the provisioning logs: ask me "what failed in ${app.app.displayName} today?"`, current: [] };
  },
};
