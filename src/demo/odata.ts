// OData query options over plain JSON objects, the subset Microsoft Graph supports for the objects the bot reads:
// `$filter` (comparisons, and/or/not, in, startswith/endswith/contains, any/all lambdas, property paths),
// `$search` ("property:words" clauses joined by AND/OR) and `$orderby`.
// String equality and the string functions ignore case but not accents, like Entra directory objects.

/** Invalid `$filter`, `$search` or `$orderby` text; `message` names the problem (shown in Graph's 400 error). */
export class ODataParseError extends Error {
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message);
    this.name = 'ODataParseError';
  }
}

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type StringFunction = 'startswith' | 'endswith' | 'contains';

export type FilterExpr =
  | { kind: 'literal'; value: string | number | boolean | null }
  /** `variable` is set when the path starts at a lambda variable (`t` in `tags/any(t: t eq 'x')`). */
  | { kind: 'path'; variable?: string; segments: string[] }
  | { kind: 'compare'; op: ComparisonOperator; left: FilterExpr; right: FilterExpr }
  | { kind: 'in'; left: FilterExpr; values: FilterExpr[] }
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; operand: FilterExpr }
  | { kind: 'call'; name: StringFunction; args: [FilterExpr, FilterExpr] }
  | { kind: 'lambda'; quantifier: 'any' | 'all'; collection: FilterExpr; variable?: string; body?: FilterExpr };

// ---------------------------------------------------------------------------------------------- tokens

type Token =
  | { type: 'string'; value: string; pos: number }
  | { type: 'number'; value: number; pos: number }
  /** GUIDs, dates and date-times are written unquoted in OData and compare like strings. */
  | { type: 'bare'; value: string; pos: number }
  | { type: 'ident'; value: string; pos: number }
  | { type: 'punct'; value: '(' | ')' | ',' | ':' | '/'; pos: number }
  | { type: 'end'; pos: number };

const DATE_TIME = /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?/y;
const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_.]*/y;
const IDENT_CHAR = /[A-Za-z0-9_.]/;

function stickyMatch(re: RegExp, text: string, pos: number): string | undefined {
  re.lastIndex = pos;
  const m = re.exec(text);
  // A literal must end at a word boundary, or `1234abcd` would read as the number 1234 followed by `abcd`.
  if (!m || IDENT_CHAR.test(text[pos + m[0].length] ?? '')) return undefined;
  return m[0];
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const ch = text[pos];
    if (/\s/.test(ch)) {
      pos++;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let i = pos + 1;
      for (;;) {
        if (i >= text.length) throw new ODataParseError(`Unterminated string literal at position ${pos}.`, pos);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          break;
        }
        value += text[i++];
      }
      tokens.push({ type: 'string', value, pos });
      pos = i + 1;
      continue;
    }
    if ('(),:/'.includes(ch)) {
      tokens.push({ type: 'punct', value: ch as '(' | ')' | ',' | ':' | '/', pos });
      pos++;
      continue;
    }
    const bare = stickyMatch(GUID, text, pos) ?? stickyMatch(DATE_TIME, text, pos);
    if (bare !== undefined) {
      tokens.push({ type: 'bare', value: bare, pos });
      pos += bare.length;
      continue;
    }
    const num = stickyMatch(NUMBER, text, pos);
    if (num !== undefined) {
      tokens.push({ type: 'number', value: Number(num), pos });
      pos += num.length;
      continue;
    }
    const ident = stickyMatch(IDENT, text, pos);
    if (ident !== undefined) {
      tokens.push({ type: 'ident', value: ident, pos });
      pos += ident.length;
      continue;
    }
    throw new ODataParseError(`Syntax error: character '${ch}' is not valid at position ${pos}.`, pos);
  }
  tokens.push({ type: 'end', pos: text.length });
  return tokens;
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the expression';
    case 'string':
      return `'${token.value.replace(/'/g, "''")}'`;
    default:
      return `'${token.value}'`;
  }
}

// ---------------------------------------------------------------------------------------------- parser

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set<string>(['startswith', 'endswith', 'contains']);
const BOOLEAN_KINDS = new Set<FilterExpr['kind']>(['compare', 'in', 'and', 'or', 'not', 'call', 'lambda', 'path']);

class FilterParser {
  private index = 0;
  private readonly variables: string[] = [];

  constructor(private readonly tokens: Token[]) {}

  parse(): FilterExpr {
    const expr = this.condition(this.parseOr());
    const next = this.peek();
    if (next.type !== 'end') throw this.unexpected(next);
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    return this.tokens[this.index++];
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.type === 'ident' && t.value.toLowerCase() === word;
  }

  private isPunct(value: string): boolean {
    const t = this.peek();
    return t.type === 'punct' && t.value === value;
  }

  private expectPunct(value: string): void {
    if (!this.isPunct(value)) {
      const t = this.peek();
      throw new ODataParseError(`Syntax error: expected '${value}' but found ${describe(t)} at position ${t.pos}.`, t.pos);
    }
    this.index++;
  }

  private unexpected(t: Token): ODataParseError {
    return new ODataParseError(`Syntax error: ${describe(t)} is not expected at position ${t.pos}.`, t.pos);
  }

  /** Only conditions may be combined with and/or/not: `displayName and 1` is an error, not a silent false. */
  private condition(expr: FilterExpr, at = this.peek().pos): FilterExpr {
    if (BOOLEAN_KINDS.has(expr.kind) || (expr.kind === 'literal' && typeof expr.value === 'boolean')) return expr;
    throw new ODataParseError(`Syntax error: a condition is expected before position ${at}.`, at);
  }

  /** `and` binds tighter than `or`: an or's operands are ands. */
  private parseOr(): FilterExpr {
    return this.parseJoined('or', () => this.parseJoined('and', () => this.parseNot()));
  }

  /** Operands joined left to right by `word`. */
  private parseJoined(word: 'and' | 'or', operand: () => FilterExpr): FilterExpr {
    let left = operand();
    while (this.isKeyword(word)) {
      this.index++;
      left = { kind: word, left: this.condition(left), right: this.condition(operand()) };
    }
    return left;
  }

  private parseNot(): FilterExpr {
    if (this.isKeyword('not')) {
      this.index++;
      return { kind: 'not', operand: this.condition(this.parseNot()) };
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterExpr {
    const left = this.parsePrimary();
    const t = this.peek();
    if (t.type !== 'ident') return left;
    const word = t.value.toLowerCase();
    if (COMPARISONS.has(word)) {
      this.index++;
      return { kind: 'compare', op: word as ComparisonOperator, left, right: this.parsePrimary() };
    }
    if (word === 'in') {
      this.index++;
      this.expectPunct('(');
      const values = [this.parsePrimary()];
      while (this.isPunct(',')) {
        this.index++;
        values.push(this.parsePrimary());
      }
      this.expectPunct(')');
      return { kind: 'in', left, values };
    }
    return left;
  }

  private parsePrimary(): FilterExpr {
    const t = this.next();
    switch (t.type) {
      case 'string':
      case 'bare':
      case 'number':
        return { kind: 'literal', value: t.value };
      case 'punct': {
        if (t.value !== '(') throw this.unexpected(t);
        const inner = this.parseOr();
        this.expectPunct(')');
        return inner;
      }
      case 'end':
        throw new ODataParseError(`Syntax error: the expression ends where a value is expected.`, t.pos);
      case 'ident':
        return this.parseIdentifier(t.value, t.pos);
    }
  }

  private parseIdentifier(name: string, pos: number): FilterExpr {
    const lower = name.toLowerCase();
    if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' };
    if (lower === 'null') return { kind: 'literal', value: null };
    if (this.isPunct('(')) {
      if (!FUNCTIONS.has(lower)) throw new ODataParseError(`Unknown function '${name}' at position ${pos}.`, pos);
      this.index++;
      const first = this.parseOr();
      this.expectPunct(',');
      const second = this.parseOr();
      this.expectPunct(')');
      return { kind: 'call', name: lower as StringFunction, args: [first, second] };
    }
    if (COMPARISONS.has(lower) || ['and', 'or', 'not', 'in'].includes(lower)) {
      throw new ODataParseError(`Syntax error: '${name}' at position ${pos} is an operator where a value is expected.`, pos);
    }
    const variable = this.variables.includes(name) ? name : undefined;
    const path: FilterExpr & { kind: 'path' } = { kind: 'path', variable, segments: variable ? [] : [name] };
    while (this.isPunct('/')) {
      this.index++;
      const seg = this.next();
      if (seg.type !== 'ident') throw this.unexpected(seg);
      const quantifier = seg.value.toLowerCase();
      if ((quantifier === 'any' || quantifier === 'all') && this.isPunct('(')) return this.parseLambda(path, quantifier);
      path.segments.push(seg.value);
    }
    return path;
  }

  private parseLambda(collection: FilterExpr, quantifier: 'any' | 'all'): FilterExpr {
    this.expectPunct('(');
    if (this.isPunct(')')) {
      this.index++;
      if (quantifier === 'all') throw new ODataParseError(`Syntax error: all() needs a condition.`, this.peek().pos);
      return { kind: 'lambda', quantifier, collection };
    }
    const v = this.next();
    if (v.type !== 'ident') throw this.unexpected(v);
    this.expectPunct(':');
    this.variables.push(v.value);
    const body = this.condition(this.parseOr());
    this.variables.pop();
    this.expectPunct(')');
    return { kind: 'lambda', quantifier, collection, variable: v.value, body };
  }
}

/** Parses a `$filter` expression. Throws {@link ODataParseError} on invalid syntax. */
export function parseFilter(text: string): FilterExpr {
  if (!text.trim()) throw new ODataParseError('The $filter expression is empty.', 0);
  return new FilterParser(tokenize(text)).parse();
}

// ---------------------------------------------------------------------------------------------- evaluation

type Scope = Record<string, unknown>;

/** Reads a property, exactly or ignoring case (Graph property names are case-insensitive in queries). */
export function readProperty(obj: unknown, name: string): unknown {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const record = obj as Record<string, unknown>;
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

export function readPath(obj: unknown, segments: string[]): unknown {
  return segments.reduce<unknown>((value, seg) => readProperty(value, seg), obj);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Orders two values the way a filter comparison does; undefined when they cannot be compared. */
function compareValues(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') {
    // Date-times with different precision or offsets do not sort as text.
    if (ISO_DATE.test(a) && ISO_DATE.test(b)) return Date.parse(a) - Date.parse(b);
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return undefined;
}

function isNull(v: unknown): boolean {
  return v === null || v === undefined;
}

function equals(a: unknown, b: unknown): boolean {
  if (isNull(a) || isNull(b)) return isNull(a) && isNull(b);
  return compareValues(a, b) === 0;
}

function evaluate(expr: FilterExpr, item: unknown, scope: Scope): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'path':
      return readPath(expr.variable === undefined ? item : scope[expr.variable], expr.segments);
    case 'and':
      return truthy(expr.left, item, scope) && truthy(expr.right, item, scope);
    case 'or':
      return truthy(expr.left, item, scope) || truthy(expr.right, item, scope);
    case 'not':
      return !truthy(expr.operand, item, scope);
    case 'in': {
      const left = evaluate(expr.left, item, scope);
      return expr.values.some((v) => equals(left, evaluate(v, item, scope)));
    }
    case 'compare': {
      const left = evaluate(expr.left, item, scope);
      const right = evaluate(expr.right, item, scope);
      if (expr.op === 'eq') return equals(left, right);
      if (expr.op === 'ne') return !equals(left, right);
      const order = compareValues(left, right);
      if (order === undefined || Number.isNaN(order)) return false;
      return { gt: order > 0, ge: order >= 0, lt: order < 0, le: order <= 0 }[expr.op];
    }
    case 'call': {
      const [s, part] = expr.args.map((a) => evaluate(a, item, scope));
      if (typeof s !== 'string' || typeof part !== 'string') return false;
      const x = s.toLowerCase();
      const y = part.toLowerCase();
      return expr.name === 'startswith' ? x.startsWith(y) : expr.name === 'endswith' ? x.endsWith(y) : x.includes(y);
    }
    case 'lambda': {
      const collection = evaluate(expr.collection, item, scope);
      const elements = Array.isArray(collection) ? collection : [];
      const { body, variable } = expr;
      if (!body || variable === undefined) return elements.length > 0;
      const test = (el: unknown) => truthy(body, item, { ...scope, [variable]: el });
      return expr.quantifier === 'any' ? elements.some(test) : elements.every(test);
    }
  }
}

function truthy(expr: FilterExpr, item: unknown, scope: Scope): boolean {
  return evaluate(expr, item, scope) === true;
}

/** True when `item` satisfies the parsed filter. Never throws: missing properties read as null. */
export function matchesFilter(expr: FilterExpr, item: unknown): boolean {
  return truthy(expr, item, {});
}

// ---------------------------------------------------------------------------------------------- $search

/** `"displayName:jane" AND "mail:contoso"`: an OR of AND-groups of property clauses. */
export type SearchExpr = Array<Array<{ property: string; words: string[] }>>;

function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Parses Graph's `$search` for directory objects. Throws {@link ODataParseError} on invalid syntax. */
export function parseSearch(text: string): SearchExpr {
  const groups: SearchExpr = [[]];
  const re = /\s*(?:"([^"]*)"|(AND|OR)(?=\s|$)|(\S+))/gy;
  let expectClause = true;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    const [, quoted, joiner, other] = m;
    if (other !== undefined) {
      throw new ODataParseError(`Syntax error: '${other}' in $search; write clauses as "property:value".`);
    }
    if (joiner !== undefined) {
      if (expectClause) throw new ODataParseError(`Syntax error: '${joiner}' in $search must join two clauses.`);
      if (joiner === 'OR') groups.push([]);
      expectClause = true;
      continue;
    }
    if (!expectClause) throw new ODataParseError('Syntax error: $search clauses must be joined by AND or OR.');
    const colon = quoted.indexOf(':');
    const property = colon > 0 ? quoted.slice(0, colon).trim() : '';
    if (!property) throw new ODataParseError(`Syntax error: $search clause "${quoted}" must be "property:value".`);
    groups[groups.length - 1].push({ property, words: searchWords(quoted.slice(colon + 1)) });
    expectClause = false;
  }
  if (expectClause) throw new ODataParseError('Syntax error: $search is empty or ends with AND/OR.');
  return groups;
}

/** Every search word must start a word of the property's value (any value, for collections). */
export function matchesSearch(expr: SearchExpr, item: unknown): boolean {
  return expr.some((group) =>
    group.every(({ property, words }) => {
      const raw = readProperty(item, property);
      const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
      return values.some((value) => {
        const valueWords = searchWords(value);
        return words.every((w) => valueWords.some((vw) => vw.startsWith(w)));
      });
    }),
  );
}

// ---------------------------------------------------------------------------------------------- $orderby

export interface OrderByClause {
  segments: string[];
  descending: boolean;
}

/** Parses `$orderby` (`displayName desc, id`). Throws {@link ODataParseError} on invalid syntax. */
export function parseOrderBy(text: string): OrderByClause[] {
  return text.split(',').map((part) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!m) throw new ODataParseError(`Syntax error in $orderby: '${part.trim()}' is not "property [asc|desc]".`);
    return { segments: m[1].split('/'), descending: m[2]?.toLowerCase() === 'desc' };
  });
}

/** A sort comparator for the clauses; nulls sort first ascending, as in Graph. */
export function orderByComparator(clauses: OrderByClause[]): (a: unknown, b: unknown) => number {
  return (a, b) => {
    for (const { segments, descending } of clauses) {
      const x = readPath(a, segments);
      const y = readPath(b, segments);
      let order: number;
      if (isNull(x) || isNull(y)) order = Number(!isNull(x)) - Number(!isNull(y));
      else order = compareValues(x, y) ?? String(x).localeCompare(String(y));
      if (order !== 0 && !Number.isNaN(order)) return descending ? -order : order;
    }
    return 0;
  };
}
