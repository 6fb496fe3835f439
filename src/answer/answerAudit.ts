// "audit", "who restarted Tableau?": the latest recorded actions, filtered by app, action and person.
import type { AuditView } from '../domain/remediationViews';
import type { Intent } from '../domain/types';
import type { GraphGateway } from '../graph/gateway';
import { renderAudit, type Rendered } from '../render';
import { VERB_LABELS } from '../remediation/remediate';
import { resolveApp } from '../resolve/findApp';
import type { AuditLog, AuditRecord } from '../storage/auditLog';
import { foldText } from '../understand/fuzzy';
import { formatTime, type TimeZoneOptions } from '../diagnose/time';

const SHOWN = 20;

function row(r: AuditRecord, time: TimeZoneOptions & { now: Date }): AuditView['rows'][number] {
  return {
    when: formatTime(r.at, time),
    who: r.actor.name,
    action: VERB_LABELS[r.verb as keyof typeof VERB_LABELS] ?? r.verb,
    target: [r.target.appName, r.target.userName].filter(Boolean).join(' · '),
    result: r.result,
  };
}

/** `time`: the admin's zone and the moment asked, for "2026-11-30 14:05 CET · 13:05 UTC (27 min ago)". */
export async function answerAudit(intent: Intent, audit: AuditLog, tenantId: string, gateway: GraphGateway, time: TimeZoneOptions & { now: Date }): Promise<Rendered> {
  // The app named is looked up like any other; a name that matches no app still filters by the name typed.
  const app = intent.app ? await resolveApp(gateway, intent.app) : undefined;
  const spId = app?.kind === 'one' ? app.value.app.spId : undefined;
  const appName = app?.kind === 'one' ? app.value.app.displayName : intent.app;
  let records = await audit.latest(tenantId, { limit: 500, verb: intent.auditVerb, targetSpId: spId });
  if (intent.app && !spId) records = records.filter((r) => foldText(r.target.appName ?? '').includes(foldText(intent.app!)));
  if (intent.principal) records = records.filter((r) => foldText(r.target.userName ?? '').includes(foldText(intent.principal!)));
  const action = intent.auditVerb ? VERB_LABELS[intent.auditVerb] : undefined;
  const filter = [action, appName, intent.principal].filter(Boolean).join(' · ');
  return renderAudit({
    title: 'Latest actions taken through this bot',
    filter: filter || undefined,
    rows: records.slice(0, SHOWN).map((r) => row(r, time)),
    empty: filter ? `No recorded action matches ${filter}.` : 'No action has been taken through this bot yet.',
  });
}
