// Reading Graph's answer to provisionOnDemand and saying what happened in the words an admin expects:
// provisioned, already up to date, skipped because …, failed because …. Pure.
import type { OutcomeStep } from '../domain/remediationViews';
import { explainProvisioningError } from '../diagnose/errorCodes';
import { stepDetail } from '../diagnose/readLog';
import { propertyIgnoringCase } from '../diagnose/sourceAttributes';
import type { Execution } from './remedyTypes';

export type OnDemandResult = 'success' | 'skipped' | 'failure' | 'unknown';

export interface OnDemandOutcome {
  result: OnDemandResult;
  /** The error or skip code ("RedundantExport", "SalesforceEntryConflict"). */
  code?: string;
  message?: string;
  /** What the service did for a success ("Create", "Update"). */
  action?: string;
  steps: OutcomeStep[];
  /** Every step detail and result detail, keys as written ("SkipReason", "IsInProvisioningScope"). */
  details: Record<string, string>;
}

/** Parses a string that may hold JSON; anything else as it is. */
function jsonOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const prop = propertyIgnoringCase;

const word = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function resultOf(text: string | undefined): OnDemandResult | undefined {
  const t = (text ?? '').toLowerCase();
  if (t.startsWith('success')) return 'success';
  if (t.startsWith('skip')) return 'skipped';
  if (t.startsWith('fail') || t === 'error') return 'failure';
  return undefined;
}

/**
 * Graph answers provision on demand with a key/value pair whose strings hold JSON, in two documented shapes:
 * `key` = {result, details {errorCode, errorMessage}} with `value` = the log entry (provisioningSteps with `type`,
 * statusInfo, action), or key = "…SyncFabric.StatusInfo" with `value` = a JSON array of such entries. A list of
 * pairs is read too. A result nothing states is 'unknown', never a success.
 */
export function readOnDemandResult(body: unknown): OnDemandOutcome {
  const out: OnDemandOutcome = { result: 'unknown', steps: [], details: {} };
  const listed = prop(body, 'value');
  const pairs = Array.isArray(listed) ? listed : [body];
  const note = (key: string, value: unknown) => {
    const text = word(value);
    if (text && out.details[key] === undefined) out.details[key] = text;
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const statusInfo = prop(node, 'statusInfo');
    const result = resultOf(word(prop(node, 'result'))) ?? resultOf(word(prop(statusInfo, 'status')));
    if (result && out.result === 'unknown') out.result = result;
    const details = prop(node, 'details');
    out.code ??= word(prop(details, 'errorCode')) ?? word(prop(statusInfo, 'errorCode'));
    out.message ??= word(prop(details, 'errorMessage')) ?? word(prop(statusInfo, 'reason'));
    out.action ??= word(prop(node, 'action'));
    if (details && typeof details === 'object' && !Array.isArray(details)) for (const [k, v] of Object.entries(details)) note(k, v);
    const steps = prop(node, 'provisioningSteps');
    if (!Array.isArray(steps)) return;
    for (const step of steps) {
      const stepDetails = prop(step, 'details');
      if (stepDetails && typeof stepDetails === 'object') for (const [k, v] of Object.entries(stepDetails)) note(k, v);
      out.steps.push({
        name: word(prop(step, 'type')) ?? word(prop(step, 'provisioningStepType')) ?? word(prop(step, 'name')) ?? 'Step',
        status: word(prop(step, 'status')) ?? '',
        description: word(prop(step, 'description')),
      });
    }
  };
  for (const pair of pairs) {
    visit(jsonOf(prop(pair, 'key')));
    visit(jsonOf(prop(pair, 'value')));
  }
  out.code ??= out.details.SkipReason;
  return out;
}

/** A detail read as log entries are read (keys compared ignoring case and spaces). */
const flag = (o: OnDemandOutcome, ...keys: string[]) =>
  keys.map((k) => stepDetail({ details: o.details }, k)).find((v) => v !== undefined)?.toLowerCase();

/** Why a skip happened, in words, from the scoping details the answer carries. */
function skipWords(o: OnDemandOutcome, who: string): string {
  if (flag(o, 'Assigned to the application', 'Assigned') === 'false') return `${who} is not assigned to the app`;
  if (flag(o, 'User has the required role') === 'false') return `${who} is not assigned to the app, or only with a role it does not provision`;
  if (flag(o, 'IsInProvisioningScope', 'IsInProvisioningScopeDisplayName', 'Scoping filter evaluation passed') === 'false') return `a scoping filter leaves ${who} out`;
  if (flag(o, 'IsActive', 'Active in the source system') === 'false') return `${who} is disabled in Microsoft Entra ID`;
  if (flag(o, 'IsEffectivelyEntitledForProvisioning') === 'false') return `${who} is assigned but not effectively entitled (re-assigning repairs it)`;
  return o.message ?? (o.code ? `the service reported ${o.code}` : 'the service gave no reason');
}

/** The outcome card's verdict for a provision on demand. */
export function describeOnDemand(o: OnDemandOutcome, who: string, app: string): Pick<Execution, 'result' | 'title' | 'summary'> {
  const action = (o.action ?? '').toLowerCase();
  switch (o.result) {
    case 'success':
      return {
        result: 'succeeded',
        title: `${who} was provisioned to ${app}`,
        summary: action === 'create' ? 'The account was created in the target.' : action === 'update' ? 'The account was updated in the target.' : 'The account is in place in the target now.',
      };
    case 'skipped':
      if (/redundantexport$/i.test(o.code ?? '')) {
        return { result: 'no-change', title: `${who} is already up to date in ${app}`, summary: 'Both sides already match (RedundantExport), so nothing needed to change.' };
      }
      return { result: 'no-change', title: `${who} was skipped: ${skipWords(o, who)}`, summary: `Nothing was changed in ${app}. Ask me "why was ${who} skipped?" for the fix.` };
    case 'failure': {
      const explained = explainProvisioningError({ errorCode: o.code, reason: o.message });
      return {
        result: 'failed',
        title: `Provisioning ${who} to ${app} failed: ${explained.title}`,
        summary: `${o.code ? `${o.code}. ` : ''}${explained.fix[0] ?? ''}`.trim(),
      };
    }
    default:
      return {
        result: 'failed',
        title: `The result of provisioning ${who} to ${app} is unknown`,
        summary: `Microsoft Graph's answer did not say whether ${who} was provisioned. Check the provisioning logs, or ask me "why was ${who} skipped?".`,
      };
  }
}
