// Reading a demo tenant file and moving its clock to "now", so relative times ("last cycle 12 minutes ago")
// read the same whenever the demo runs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DemoTenantFile } from './tenantFile';

/** The never-happened date Graph uses (`steadyStateLastAchievedTime`, `nextAttempt`); never shifted. */
export const NEVER = '0001-01-01T00:00:00Z';

/** The repository root: the nearest folder above this module with a package.json (works from src/ and dist/src/). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const DEFAULT_DEMO_TENANT_FILE = join(repoRoot(), 'demo-tenants', 'contoso.json');

const ARRAYS = ['users', 'groups', 'servicePrincipals', 'appRoleAssignments', 'provisioningLogs'] as const;
const MAPS = ['groupMembers', 'synchronization'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The problem with the file's top-level shape, or undefined when it is a demo tenant. */
export function demoTenantProblem(data: unknown): string | undefined {
  if (!isRecord(data)) return 'the file does not hold a JSON object';
  const tenant = data.tenant;
  if (!isRecord(tenant) || typeof tenant.id !== 'string' || typeof tenant.displayName !== 'string') {
    return '"tenant" must be an object with "id" and "displayName"';
  }
  if (typeof data.asOf !== 'string' || Number.isNaN(Date.parse(data.asOf))) {
    return '"asOf" must be an ISO date-time';
  }
  for (const key of ARRAYS) if (!Array.isArray(data[key])) return `"${key}" must be an array`;
  for (const key of MAPS) if (!isRecord(data[key])) return `"${key}" must be an object`;
  if (data.simulation !== undefined && !isRecord(data.simulation)) return '"simulation" must be an object';
  return undefined;
}

/**
 * Reads and checks a demo tenant file (default: demo-tenants/contoso.json in the repository).
 * Throws an Error naming the file and the problem when it is missing, not JSON, or not a demo tenant.
 */
export function loadDemoTenant(file: string = DEFAULT_DEMO_TENANT_FILE): DemoTenantFile {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read the demo tenant file ${path}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`The demo tenant file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  const problem = demoTenantProblem(data);
  if (problem) throw new Error(`The demo tenant file ${path} is not a demo tenant: ${problem}.`);
  return data as DemoTenantFile;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function shiftString(value: string, deltaMs: number): string {
  const m = ISO_DATE_TIME.exec(value);
  if (!m || value === NEVER) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const shifted = new Date(ms + deltaMs).toISOString();
  // Keep Graph's style: whole seconds stay whole (the delta is whole seconds), fractions keep three digits.
  return m[1] ? shifted : shifted.replace(/\.\d{3}Z$/, 'Z');
}

function shiftValue(value: unknown, deltaMs: number): unknown {
  if (typeof value === 'string') return shiftString(value, deltaMs);
  if (Array.isArray(value)) return value.map((v) => shiftValue(v, deltaMs));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftValue(v, deltaMs)]));
  }
  return value;
}

/**
 * A copy of the tenant with every ISO date-time string moved by (now − asOf), rounded to whole seconds, so
 * `asOf` becomes `now` to the second. The `0001-01-01T00:00:00Z` sentinel and other strings stay as they are;
 * an unreadable `asOf` (which loadDemoTenant refuses) leaves every time unshifted.
 */
export function shiftTimes(tenant: DemoTenantFile, now: Date = new Date()): DemoTenantFile {
  const deltaMs = Math.round((now.getTime() - Date.parse(tenant.asOf)) / 1000) * 1000;
  if (Number.isNaN(deltaMs)) return structuredClone(tenant);
  return shiftValue(tenant, deltaMs) as DemoTenantFile;
}
