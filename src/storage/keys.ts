// Storage keys are built as `area/{tenantId}/{id}`. A segment never contains `/`, so no tenant's keys can spell
// another tenant's (tenant `a/b` with id `c` would otherwise meet tenant `a` with id `b/c`).
export function isKeySegment(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 256 && !value.includes('/');
}
