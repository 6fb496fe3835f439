// The provisioning service's side of a scoping filter, as the demo tenant simulates it: clauses evaluated on the
// object's source attributes (see sourceAttributes), written into ScopeEvaluationResult the way logs and
// provisionOnDemand write them: `{"<group>.<attribute> <OPERATOR> '<value>'": true|false}`. Kept apart from the
// bot's own reading of scoping filters (src/diagnose), so the simulation stays what the service does.
import type { FilterClause, ScopeFilter } from '../graph/types';

export interface ServiceScopeResult {
  /** Groups are ORed, clauses in a group ANDed; no filter lets everyone in. */
  inScope: boolean;
  /** ScopeEvaluationResult: clause text (prefixed with its group's name) → passed. */
  result: Record<string, boolean>;
}

const text = (value: unknown): string | null => {
  if (value === undefined || value === null || value === '') return null;
  return Array.isArray(value) ? (value.length ? value.map(String).join(',') : null) : String(value);
};

const operator = (name: string) => name.toUpperCase().replace(/[\s_]+/g, ' ').trim();

/** Whether a clause holds for an attribute value; a null or empty value fails every test but IS NULL. */
function holds(clause: FilterClause, value: unknown): boolean {
  const actual = text(value);
  const expected = clause.targetOperand?.values ?? [];
  const op = operator(clause.operatorName);
  if (op === 'IS NULL') return actual === null;
  if (actual === null) return false;
  switch (op) {
    case 'IS NOT NULL':
      return true;
    case 'IS TRUE':
      return actual.toLowerCase() === 'true';
    case 'IS FALSE':
      return actual.toLowerCase() === 'false';
    case 'EQUALS':
      return expected.some((v) => v === actual);
    case 'NOT EQUALS':
      return expected.every((v) => v !== actual);
    case 'INCLUDES':
      return expected.some((v) => actual.includes(v));
    case 'ENDS WITH':
      return expected.some((v) => actual.endsWith(v));
    case 'REGEX MATCH':
    case 'NOT REGEX MATCH': {
      const matches = expected.some((v) => {
        try {
          return new RegExp(v).test(actual);
        } catch {
          return false;
        }
      });
      return op === 'REGEX MATCH' ? matches : !matches;
    }
    case 'GREATER THAN':
      return expected.some((v) => Number(actual) > Number(v));
    case 'GREATER THAN OR EQUALS':
      return expected.some((v) => Number(actual) >= Number(v));
    default:
      return false;
  }
}

function clauseText(clause: FilterClause): string {
  const values = clause.targetOperand?.values ?? [];
  const unary = /^(IS NULL|IS NOT NULL|IS TRUE|IS FALSE)$/.test(operator(clause.operatorName));
  return unary || values.length === 0
    ? `${clause.sourceOperandName} ${clause.operatorName}`
    : `${clause.sourceOperandName} ${clause.operatorName} ${values.map((v) => `'${v}'`).join(', ')}`;
}

/** Evaluates the filter's groups on the object's source attributes. */
export function evaluateServiceScope(scope: ScopeFilter | null | undefined, source: Record<string, unknown>): ServiceScopeResult {
  const groups = (scope?.groups ?? []).filter((g) => g.clauses?.length);
  const result: Record<string, boolean> = {};
  if (groups.length === 0) return { inScope: true, result };
  let inScope = false;
  for (const group of groups) {
    let passed = true;
    for (const clause of group.clauses) {
      const ok = holds(clause, source[clause.sourceOperandName]);
      result[`${group.name ?? ''}.${clauseText(clause)}`] = ok;
      passed &&= ok;
    }
    inScope ||= passed;
  }
  return { inScope, result };
}
