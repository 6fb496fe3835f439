// Evaluates a provisioning scoping filter against a directory object, the way the provisioning service does:
// clauses inside a group are ANDed, groups are ORed, and a null or empty attribute makes a clause false
// (except IS NULL / IS NOT NULL, which test exactly that). Dependency-free: the demo server uses it for
// provision-on-demand.
import type { FilterClause, FilterGroup, ScopeFilter } from '../graph/types';
import { readSourceValues, type SourceValue } from './sourceAttributes';

export interface ClauseEvaluation {
  /** As the portal and the logs write it: "department EQUALS 'Sales'". */
  clause: string;
  attribute: string;
  actual: string | null;
  passed: boolean;
  /** True when Graph cannot give the attribute's value: the clause is neither passed nor failed. */
  unknown?: boolean;
  /** Why a clause could not be evaluated normally (bad regex, unknown operator, not a number, not readable). */
  note?: string;
}

export interface GroupEvaluation {
  name: string;
  passed: boolean;
  /** No clause failed, but at least one could not be checked. */
  unknown: boolean;
  clauses: ClauseEvaluation[];
}

export interface ScopeEvaluation {
  /** False only when the filter certainly leaves the object out; a clause that cannot be checked never does. */
  inScope: boolean;
  /** True when no group passed for sure and some could not be checked: in scope or not cannot be told from Graph. */
  undetermined: boolean;
  /** True when there is no filter at all: everyone assigned is in scope. */
  noFilter: boolean;
  groups: GroupEvaluation[];
}

type Operator =
  | 'EQUALS'
  | 'NOT_EQUALS'
  | 'IS_TRUE'
  | 'IS_FALSE'
  | 'IS_NULL'
  | 'IS_NOT_NULL'
  | 'REGEX_MATCH'
  | 'NOT_REGEX_MATCH'
  | 'INCLUDES'
  | 'ENDS_WITH'
  | 'GREATER_THAN'
  | 'GREATER_THAN_OR_EQUALS'
  | 'BITS_SET'
  | 'BITS_NOT_SET';

const OPERATORS: Record<string, Operator> = {
  EQUALS: 'EQUALS',
  NOTEQUALS: 'NOT_EQUALS',
  ISTRUE: 'IS_TRUE',
  ISFALSE: 'IS_FALSE',
  ISNULL: 'IS_NULL',
  ISNOTNULL: 'IS_NOT_NULL',
  REGEXMATCH: 'REGEX_MATCH',
  NOTREGEXMATCH: 'NOT_REGEX_MATCH',
  INCLUDES: 'INCLUDES',
  ENDSWITH: 'ENDS_WITH',
  GREATERTHAN: 'GREATER_THAN',
  GREATERTHANOREQUALS: 'GREATER_THAN_OR_EQUALS',
  '&': 'BITS_SET',
  '!&': 'BITS_NOT_SET',
};

/** Operator names vary by surface ("NOT EQUALS", "Not_Equals", "NotEquals"): ignore case, spaces, underscores. */
export function normalizeOperator(name: string | null | undefined): Operator | undefined {
  if (!name) return undefined;
  return OPERATORS[name.replace(/[\s_]+/g, '').toUpperCase()];
}

const UNARY: ReadonlySet<Operator> = new Set(['IS_TRUE', 'IS_FALSE', 'IS_NULL', 'IS_NOT_NULL']);

/** "department EQUALS 'Sales'", "accountEnabled IS TRUE". */
export function clauseText(clause: FilterClause): string {
  const attribute = clause.sourceOperandName ?? '';
  const operator = clause.operatorName ?? '';
  const values = clause.targetOperand?.values ?? [];
  const op = normalizeOperator(operator);
  if ((op && UNARY.has(op)) || values.length === 0) return `${attribute} ${operator}`.trim();
  return `${attribute} ${operator} ${values.map((v) => `'${v}'`).join(', ')}`;
}

/** As the sync engine writes values: booleans are "True"/"False" (a clause reads `dirSyncEnabled EQUALS 'True'`). */
function asText(value: SourceValue): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return typeof value === 'string' ? value : String(value);
}

function asBoolean(value: SourceValue): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return null;
}

function asInteger(text: string): number | null {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : null;
}

type Outcome = { passed: boolean; note?: string };

function regexTest(pattern: string, actual: string): Outcome {
  try {
    return { passed: new RegExp(pattern).test(actual) };
  } catch {
    return { passed: false, note: `The pattern '${pattern}' is not a valid regular expression, so this clause never passes.` };
  }
}

function compareNumbers(actual: string, expected: string, test: (a: number, b: number) => boolean): Outcome {
  const a = asInteger(actual);
  const b = asInteger(expected);
  if (a === null || b === null) return { passed: false, note: 'This operator compares whole numbers; the value or the filter is not one.' };
  return { passed: test(a, b) };
}

const NEGATIVE: ReadonlySet<Operator> = new Set(['NOT_EQUALS', 'NOT_REGEX_MATCH', 'BITS_NOT_SET']);

function applyOne(operator: Operator, value: Exclude<SourceValue, null>, expected: string[]): Outcome {
  const actual = asText(value) as string;
  const first = expected[0] ?? '';
  switch (operator) {
    case 'IS_NULL':
    case 'IS_NOT_NULL':
      return { passed: operator === 'IS_NOT_NULL' };
    case 'IS_TRUE':
      return { passed: asBoolean(value) === true };
    case 'IS_FALSE':
      return { passed: asBoolean(value) === false };
    case 'EQUALS':
      return { passed: expected.some((v) => v === actual) };
    case 'NOT_EQUALS':
      return { passed: expected.every((v) => v !== actual) };
    case 'INCLUDES':
      return { passed: expected.some((v) => actual.includes(v)) };
    case 'ENDS_WITH':
      return { passed: expected.some((v) => actual.toLowerCase().endsWith(v.toLowerCase())) };
    case 'REGEX_MATCH':
      return regexTest(first, actual);
    case 'NOT_REGEX_MATCH': {
      const outcome = regexTest(first, actual);
      return outcome.note ? outcome : { passed: !outcome.passed };
    }
    case 'GREATER_THAN':
      return compareNumbers(actual, first, (a, b) => a > b);
    case 'GREATER_THAN_OR_EQUALS':
      return compareNumbers(actual, first, (a, b) => a >= b);
    case 'BITS_SET':
      // `&`: every bit of the filter value is set in the attribute (e.g. userAccountControl & 2 = disabled).
      return compareNumbers(actual, first, (a, b) => (a & b) === b);
    case 'BITS_NOT_SET':
      return compareNumbers(actual, first, (a, b) => (a & b) !== b);
  }
}

/** Over every value of a multi-valued attribute: a positive operator needs one value to pass, a negative one all. */
function apply(operator: Operator, values: Exclude<SourceValue, null>[], expected: string[]): Outcome {
  if (operator === 'IS_NULL') return { passed: values.length === 0 };
  if (operator === 'IS_NOT_NULL') return { passed: values.length > 0 };
  if (values.length === 0) return { passed: false };
  const outcomes = values.map((v) => applyOne(operator, v, expected));
  const note = outcomes.find((o) => o.note)?.note;
  const passed = NEGATIVE.has(operator) ? outcomes.every((o) => o.passed) : outcomes.some((o) => o.passed);
  return note ? { passed, note } : { passed };
}

export function evaluateClause(clause: FilterClause, object: Record<string, unknown>): ClauseEvaluation {
  const attribute = clause?.sourceOperandName ?? '';
  const read = readSourceValues(object, attribute);
  const operator = normalizeOperator(clause?.operatorName);
  if (!('values' in read)) {
    return { clause: clauseText(clause), attribute, actual: null, passed: false, unknown: true, note: `I cannot check this clause from Microsoft Graph: ${read.unreadable}.` };
  }
  const outcome: Outcome = operator
    ? apply(operator, read.values, (clause.targetOperand?.values ?? []).filter((v): v is string => typeof v === 'string'))
    : { passed: false, note: `The operator '${clause?.operatorName ?? ''}' is not one the bot knows, so it is treated as not passing.` };
  return {
    clause: clauseText(clause),
    attribute,
    actual: read.values.length ? read.values.map(asText).join(', ') : null,
    passed: outcome.passed,
    ...(outcome.note ? { note: outcome.note } : {}),
  };
}

function evaluateGroup(group: FilterGroup, index: number, object: Record<string, unknown>): GroupEvaluation {
  const clauses = (group.clauses ?? []).map((c) => evaluateClause(c, object));
  const failed = clauses.some((c) => !c.passed && !c.unknown);
  return { name: group.name || `Scoping filter ${index + 1}`, passed: clauses.every((c) => c.passed), unknown: !failed && clauses.some((c) => c.unknown), clauses };
}

const withClauses = (groups: FilterGroup[] | null | undefined) => (groups ?? []).filter((g) => g && Array.isArray(g.clauses) && g.clauses.length > 0);

/**
 * Is this object in the scope of the filter? Groups are ORed; the scoping `groups` and the `inputFilterGroups`
 * must both let the object through. A missing filter (or one without clauses) lets everyone in.
 */
export function evaluateScope(scope: ScopeFilter | null | undefined, object: Record<string, unknown>): ScopeEvaluation {
  const sets = [withClauses(scope?.groups), withClauses(scope?.inputFilterGroups)].filter((g) => g.length > 0);
  if (sets.length === 0) return { inScope: true, undetermined: false, noFilter: true, groups: [] };
  const evaluated = sets.map((groups) => groups.map((g, i) => evaluateGroup(g, i, object ?? {})));
  const passes = (groups: GroupEvaluation[]) => groups.some((g) => g.passed);
  const couldPass = (groups: GroupEvaluation[]) => groups.some((g) => g.passed || g.unknown);
  const inScope = evaluated.every(couldPass);
  return { inScope, undetermined: inScope && !evaluated.every(passes), noFilter: false, groups: evaluated.flat() };
}
