import { describe, expect, it } from 'vitest';
import { matchesFilter, matchesSearch, ODataParseError, orderByComparator, parseFilter, parseOrderBy, parseSearch } from './odata';

const users = [
  {
    id: '0d1f2a3b-0000-4000-8000-000000000001',
    displayName: "Seán O'Brien",
    department: 'Sales',
    accountEnabled: true,
    employeeNumber: 17,
    proxyAddresses: ['SMTP:sean@contoso.com', 'smtp:sob@contoso.com'],
    tags: [],
    manager: { id: 'm1', displayName: 'Alex Wilber' },
  },
  {
    id: 'AB1F2A3B-0000-4000-8000-000000000002',
    displayName: 'Jane Doe',
    department: 'Marketing',
    accountEnabled: false,
    employeeNumber: 42,
    proxyAddresses: ['x500:/o=legacy'],
    tags: ['WindowsAzureActiveDirectoryIntegratedApp', 'HideApp'],
    manager: null,
  },
  {
    id: '0d1f2a3b-0000-4000-8000-000000000003',
    displayName: 'Tomás García',
    department: null,
    accountEnabled: true,
    employeeNumber: 5,
    tags: ['HideApp'],
  },
];

const logs = [
  { id: 'l1', activityDateTime: '2026-11-20T10:00:00Z', provisioningStatusInfo: { status: 'skipped' } },
  { id: 'l2', activityDateTime: '2026-11-19T23:59:59.1234567Z', provisioningStatusInfo: { status: 'success' } },
  { id: 'l3', activityDateTime: '2026-11-20T01:00:00+02:00', provisioningStatusInfo: { status: 'failure' } },
];

function ids(filter: string, items: Array<{ id: string }> = users): string[] {
  const expr = parseFilter(filter);
  return items.filter((item) => matchesFilter(expr, item)).map((item) => item.id.slice(-1));
}

describe('$filter evaluation', () => {
  it.each([
    ["displayName eq 'jane doe'", ['2']],
    ["displayName eq 'JANE DOE'", ['2']],
    ["displayName ne 'Jane Doe'", ['1', '3']],
    ["displayName eq 'Seán O''Brien'", ['1']],
    ["displayName eq 'Sean O''Brien'", []], // accents matter
    ["displayName eq 'tomás garcía'", ['3']],
    ["startswith(displayName,'ja')", ['2']],
    ["endswith(displayName, 'BRIEN')", ['1']],
    ["contains(displayName,'o''b')", ['1']],
    ['accountEnabled eq true', ['1', '3']],
    ['accountEnabled eq false and employeeNumber gt 40', ['2']],
    ['employeeNumber ge 17', ['1', '2']],
    ['employeeNumber lt 17 or employeeNumber le 5', ['3']],
    ['not (accountEnabled eq true)', ['2']],
    ["not startswith(displayName,'J')", ['1', '3']],
    ['department eq null', ['3']],
    ['department ne null', ['1', '2']],
    ["department in ('sales', 'Marketing')", ['1', '2']],
    ["manager/displayName eq 'alex wilber'", ['1']],
    ["manager/id eq 'm1' or manager eq null", ['1', '2', '3']],
    ["tags/any(t:t eq 'hideapp')", ['2', '3']],
    ["tags/all(t: t eq 'HideApp')", ['1', '3']],
    ['tags/any()', ['2', '3']],
    ["proxyAddresses/any(x:startswith(x,'smtp:'))", ['1']],
    ["proxyAddresses/any(x:startswith(x,'smtp:') and endswith(x, 'sob@contoso.com'))", ['1']],
    ['id eq ab1f2a3b-0000-4000-8000-000000000002', ['2']],
    ["id eq 'AB1F2A3B-0000-4000-8000-000000000002'", ['2']],
    ["(department eq 'Sales' or department eq 'Marketing') and accountEnabled eq true", ['1']],
    ["DisplayName eq 'Jane Doe' AND AccountEnabled eq false", ['2']],
  ])('%s', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it.each([
    ['activityDateTime gt 2026-11-20T00:00:00Z', ['1']],
    // 01:00+02:00 is 23:00Z the day before, and seven fraction digits still compare as a time.
    ['activityDateTime lt 2026-11-20T00:00:00Z', ['2', '3']],
    ['activityDateTime ge 2026-11-20', ['1']],
    ["provisioningStatusInfo/status eq 'Skipped'", ['1']],
    ["provisioningStatusInfo/status eq 'skipped' and activityDateTime gt 2026-11-01T00:00:00Z", ['1']],
  ])('%s', (filter, expected) => {
    expect(ids(filter, logs)).toEqual(expected);
  });

  it('keeps an escaped quote inside the literal, so embedded OData cannot widen the filter', () => {
    const typed = "x' or 1 eq 1 or displayName eq '";
    const escaped = `displayName eq '${typed.replace(/'/g, "''")}'`;
    expect(ids(escaped)).toEqual([]);
    expect(ids(`startswith(displayName,'${"' or true or '".replace(/'/g, "''")}')`)).toEqual([]);
  });
});

describe('$filter syntax errors', () => {
  it.each([
    ["displayName eq 'Jane", /Unterminated string/],
    ['displayName eq', /ends where a value is expected/],
    ["displayName eq 'a' and", /ends where a value is expected/],
    ["displayName eq 'a' 'b'", /'b' is not expected/],
    ["(displayName eq 'a'", /expected '\)'/],
    ["tolower(displayName) eq 'a'", /Unknown function 'tolower'/],
    ["displayName eq 'a' and 1", /condition is expected/],
    ["displayName eq 'x'' or 1 eq 1", /Unterminated string/],
    ['displayName eq ;', /character ';' is not valid/],
    ["displayName eq eq 'a'", /operator where a value is expected/],
    ['', /empty/],
    ["tags/any(t t eq 'x')", /expected ':'/],
  ])('%s', (filter, message) => {
    let error: unknown;
    try {
      parseFilter(filter);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ODataParseError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('$search', () => {
  const match = (search: string) =>
    users.filter((u) => matchesSearch(parseSearch(search), u)).map((u) => u.id.slice(-1));

  it.each([
    ['"displayName:jane"', ['2']],
    ['"displayName:do"', ['2']],
    ['"displayName:tomas"', ['3']], // accent-insensitive
    ['"displayName:o brien"', ['1']],
    ['"displayName:jane" OR "displayName:garc"', ['2', '3']],
    ['"displayName:jane" AND "department:sales"', []],
    ['"displayName:sea" AND "department:sales"', ['1']],
    ['"proxyAddresses:sob"', ['1']],
    ['"displayName:ane"', []], // a word prefix, not a substring
  ])('%s', (search, expected) => {
    expect(match(search)).toEqual(expected);
  });

  it.each(['displayName:jane', '"jane"', '"displayName:jane" AND', '"displayName:jane" "department:x"', ''])(
    'rejects %j',
    (search) => {
      expect(() => parseSearch(search)).toThrow(ODataParseError);
    },
  );
});

describe('$orderby', () => {
  it('sorts by several clauses, nulls first ascending', () => {
    const sorted = [...users].sort(orderByComparator(parseOrderBy('department, displayName desc')));
    expect(sorted.map((u) => u.department)).toEqual([null, 'Marketing', 'Sales']);
    const byNumber = [...users].sort(orderByComparator(parseOrderBy('employeeNumber desc')));
    expect(byNumber.map((u) => u.employeeNumber)).toEqual([42, 17, 5]);
  });

  it('orders date-times by instant', () => {
    const sorted = [...logs].sort(orderByComparator(parseOrderBy('activityDateTime desc')));
    expect(sorted.map((l) => l.id)).toEqual(['l1', 'l2', 'l3']);
  });

  it('rejects invalid clauses', () => {
    expect(() => parseOrderBy('displayName sideways')).toThrow(ODataParseError);
    expect(() => parseOrderBy('')).toThrow(ODataParseError);
  });
});
