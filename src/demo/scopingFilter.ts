// Evaluating an object mapping's scoping filter for one source object, as the provisioning service does:
// clauses in a group are ANDed, groups are ORed, and a null or empty attribute fails a clause.
import type { FilterClause, ScopeFilter } from '../graph/types';
import { readProperty } from './odata';

export interface ScopeEvaluation {
  inScope: boolean;
  /** `"<group>.<attribute> <OPERATOR> '<values>'"` → whether the clause passed (the logs' ScopeEvaluationResult). */
  results: Record<string, boolean>;
}

function attributeValue(source: Record<string, unknown>, name: string): unknown {
  return readProperty(source, name) ?? readProperty(source.onPremisesExtensionAttributes, name);
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

/** One value against one clause; operator names are matched ignoring case and spaces vs underscores. */
function clausePasses(clause: FilterClause, value: unknown): boolean {
  const op = clause.operatorName.trim().toUpperCase().replace(/[\s-]+/g, '_');
  const targets = clause.targetOperand?.values ?? [];
  if (op === 'IS_NULL') return isEmpty(value);
  if (op === 'IS_NOT_NULL') return !isEmpty(value);
  if (isEmpty(value)) return false;
  const text = String(value);
  const regex = (pattern: string) => {
    try {
      return new RegExp(pattern).test(text);
    } catch {
      return false;
    }
  };
  switch (op) {
    case 'EQUALS':
      return targets.some((t) => t === text);
    case 'NOT_EQUALS':
      return targets.every((t) => t !== text);
    case 'IS_TRUE':
      return text.toLowerCase() === 'true';
    case 'IS_FALSE':
      return text.toLowerCase() === 'false';
    case 'REGEX_MATCH':
      return targets.some(regex);
    case 'NOT_REGEX_MATCH':
      return !targets.some(regex);
    case 'INCLUDES':
      return targets.some((t) => text.includes(t));
    case 'ENDS_WITH':
      return targets.some((t) => text.toLowerCase().endsWith(t.toLowerCase()));
    case 'GREATER_THAN':
      return targets.some((t) => Number(text) > Number(t));
    case 'GREATER_THAN_OR_EQUALS':
      return targets.some((t) => Number(text) >= Number(t));
    case '&':
      return targets.some((t) => (Number(text) & Number(t)) === Number(t));
    case '!&':
      return targets.every((t) => (Number(text) & Number(t)) !== Number(t));
    default:
      return false;
  }
}

export function evaluateScope(scope: ScopeFilter | null | undefined, source: Record<string, unknown>): ScopeEvaluation {
  const groups = scope?.groups ?? [];
  const results: Record<string, boolean> = {};
  if (groups.length === 0) return { inScope: true, results };
  let inScope = false;
  for (const group of groups) {
    let groupPasses = true;
    for (const clause of group.clauses) {
      const raw = attributeValue(source, clause.sourceOperandName);
      const values = Array.isArray(raw) && raw.length > 0 ? raw : [Array.isArray(raw) ? null : raw];
      const passed = values.some((v) => clausePasses(clause, v));
      const targets = (clause.targetOperand?.values ?? []).join(',');
      results[`${group.name ?? ''}.${clause.sourceOperandName} ${clause.operatorName} '${targets}'`] = passed;
      groupPasses &&= passed;
    }
    inScope ||= groupPasses;
  }
  return { inScope, results };
}
