// A small evaluator for attribute-mapping expressions, so an answer can show what an expression makes of one
// person's values ("Switch([department], …) gives 'Sales Rep' for Jane"). It knows the common functions of
// Microsoft's "Reference for writing expressions for attribute mappings"; anything else is reported as not
// evaluated, never guessed. Pure: the caller hands in the person's source attribute values.

/** A source attribute's value: one string, several (multi-valued), or absent. */
export type SourceAttributeValue = string | string[] | null | undefined;

export type Evaluation = { ok: true; value: string | null } | { ok: false; reason: string };

type Node =
  | { kind: 'attribute'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: string }
  | { kind: 'empty' }
  | { kind: 'call'; name: string; args: Node[] };

class ExpressionError extends Error {}

/** Expressions are at most 10,000 characters (the service's own limit). */
const MAX_LENGTH = 10_000;

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  parse(): Node {
    const node = this.value();
    this.space();
    if (this.i < this.text.length) throw new ExpressionError(`unexpected “${this.text.slice(this.i, this.i + 10)}”`);
    return node;
  }

  private space() {
    while (/\s/.test(this.text[this.i] ?? '')) this.i++;
  }

  private value(): Node {
    this.space();
    const c = this.text[this.i];
    if (c === '[') {
      const end = this.text.indexOf(']', this.i);
      if (end < 0) throw new ExpressionError('an attribute name is not closed with ]');
      const name = this.text.slice(this.i + 1, end).trim();
      this.i = end + 1;
      return { kind: 'attribute', name };
    }
    if (c === '"') return this.string();
    // An argument left out ("Replace([mail], "@contoso.com", , , "", ,)") is empty, not an error.
    if (c === ',' || c === ')' || c === undefined) return { kind: 'empty' };
    const number = /^-?\d+/.exec(this.text.slice(this.i));
    if (number) {
      this.i += number[0].length;
      return { kind: 'number', value: number[0] };
    }
    const name = /^[A-Za-z][A-Za-z0-9]*/.exec(this.text.slice(this.i));
    if (!name) throw new ExpressionError(`unexpected “${c}”`);
    this.i += name[0].length;
    this.space();
    if (this.text[this.i] !== '(') throw new ExpressionError(`${name[0]} is not followed by (`);
    this.i++;
    const args: Node[] = [];
    for (;;) {
      args.push(this.value());
      this.space();
      const next = this.text[this.i++];
      if (next === ')') break;
      if (next !== ',') throw new ExpressionError(`${name[0]}( is not closed`);
    }
    // "Now()" has no argument: the one empty argument read above is dropped.
    return { kind: 'call', name: name[0], args: args.length === 1 && args[0].kind === 'empty' ? [] : args };
  }

  /** A string constant: a backslash escapes the next character ("Company name: \"Contoso\""). */
  private string(): Node {
    let value = '';
    this.i++;
    for (;;) {
      const c = this.text[this.i++];
      if (c === undefined) throw new ExpressionError('a string is not closed with "');
      if (c === '"') return { kind: 'string', value };
      value += c === '\\' ? (this.text[this.i++] ?? '') : c;
    }
  }
}

type Value = string | string[] | null;

const first = (v: Value): string | null => (Array.isArray(v) ? (v[0] ?? null) : v);
const isEmpty = (v: Value) => v === null || v === '' || (Array.isArray(v) && v.length === 0);

// The table of Microsoft's NormalizeDiacritics: letters that do not decompose into a base letter and marks.
const LIGATURES: Record<string, string> = { æ: 'ae', Æ: 'AE', ǣ: 'ae', Ǣ: 'AE', ø: 'oe', Ø: 'OE', œ: 'oe', Œ: 'OE', ß: 'ss', ł: 'l', Ł: 'L', ı: 'i' };

function normalizeDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[æÆǣǢøØœŒßłŁı]/g, (c) => LIGATURES[c] ?? c);
}

/** .NET's `${name}` group references become JavaScript's `$<name>`. */
const jsReplacement = (s: string) => s.replace(/\$\{(\w+)\}/g, '$<$1>');

function regex(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'g');
  } catch {
    throw new ExpressionError(`the pattern “${pattern}” is not a regular expression I can read`);
  }
}

/** Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template). */
function replace(args: Value[], attribute: (name: string) => Value, names: Array<string | undefined>): Value {
  const [source, oldValue, pattern, group, replacement, , template] = args.map(first);
  const replacementAttribute = names[5];
  if (pattern && group && replacementAttribute) {
    if (!isEmpty(source)) return source;
    const from = first(attribute(replacementAttribute));
    const match = from === null ? null : new RegExp(regex(pattern).source).exec(from);
    return match?.groups?.[group] ?? null;
  }
  if (source === null) return null;
  if (oldValue && template !== null && template !== undefined) return template.split(oldValue).join(source);
  if (oldValue) return source.split(oldValue).join(replacement ?? '');
  if (pattern && group) {
    return source.replace(regex(pattern), (...m) => {
      const groups = m[m.length - 1] as Record<string, string> | undefined;
      const part = groups?.[group];
      return part === undefined ? m[0] : String(m[0]).replace(part, replacement ?? '');
    });
  }
  if (pattern) return source.replace(regex(pattern), jsReplacement(replacement ?? ''));
  return source;
}

function call(name: string, args: Value[], attribute: (name: string) => Value, names: Array<string | undefined>): Value {
  const text = args.map(first);
  switch (name) {
    case 'Append':
      return text[0] === null ? null : text[0] + (text[1] ?? '');
    case 'Join': {
      // Multi-valued sources contribute every value; absent and empty ones nothing (the docs' "Doe, John").
      const parts = args.slice(1).flatMap((a) => (Array.isArray(a) ? a : [a])).filter((a): a is string => !!a);
      return parts.join(text[0] ?? '');
    }
    case 'Mid': {
      if (text[0] === null) return null;
      const start = Number(text[1]);
      const length = Number(text[2]);
      if (!Number.isInteger(start) || start < 1 || !Number.isInteger(length) || length < 0) throw new ExpressionError('Mid needs a start from 1 and a length');
      return text[0].substr(start - 1, length);
    }
    case 'ToLower':
      return text[0] === null ? null : text[0].toLowerCase();
    case 'ToUpper':
      return text[0] === null ? null : text[0].toUpperCase();
    case 'StripSpaces':
      return text[0] === null ? null : text[0].replace(/ /g, '');
    case 'NormalizeDiacritics':
      return text[0] === null ? null : normalizeDiacritics(text[0]);
    case 'Coalesce':
      return text.find((v) => v !== null && v !== '') ?? null;
    case 'Switch': {
      // Case-sensitive; an absent source matches the key "" (the docs' way to test for empty).
      const source = text[0] ?? '';
      for (let k = 2; k + 1 < text.length; k += 2) if (text[k] === source) return text[k + 1];
      return text[1];
    }
    case 'Replace':
      return replace(args, attribute, names);
    case 'SingleAppRoleAssignment':
      return first(args[0]);
    default:
      throw new ExpressionError(`${name} is not one of the functions I evaluate`);
  }
}

function evaluateNode(node: Node, attribute: (name: string) => Value): Value {
  switch (node.kind) {
    case 'attribute':
      return attribute(node.name);
    case 'string':
    case 'number':
      return node.value;
    case 'empty':
      return null;
    case 'call': {
      const names = node.args.map((a) => (a.kind === 'attribute' ? a.name : a.kind === 'string' ? a.value : undefined));
      return call(node.name, node.args.map((a) => evaluateNode(a, attribute)), attribute, names);
    }
  }
}

/**
 * The value an expression gives for one person. `attributes` answers a source attribute name (as the
 * expression spells it) with the person's value; absent attributes are null, as in the provisioning service.
 */
export function evaluateExpression(expression: string, attributes: (name: string) => SourceAttributeValue): Evaluation {
  if (expression.length > MAX_LENGTH) return { ok: false, reason: 'the expression is longer than 10,000 characters' };
  try {
    const value = evaluateNode(new Parser(expression).parse(), (name) => attributes(name) ?? null);
    return { ok: true, value: Array.isArray(value) ? value.join(', ') : value };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, reason: error.message };
    throw error;
  }
}
