// Finds the user or group a question is about, by display name, given name, surname, or UPN/mail prefix,
// accent- and case-insensitively. One `$batch` in the common case; a broader first-letter query only when
// the typed name matches nothing as typed (typos, missing accents). Whom a name found alone in the last minute
// is remembered as a guess (`rememberedPrincipal`): the reads that need the person's id can go with the
// look-up in one round trip, and count only when the look-up finds that person alone again.
import type { PrincipalRef } from '../domain/types';
import { BotError } from '../errors';
import type { GraphGateway } from '../graph/gateway';
import { graphPath, GROUP_FIELDS, GROUPS_PATH, principalPath, USER_FIELDS, USERS_PATH } from '../graph/endpoints';
import { odataString } from '../graph/odataText';
import { noteRefused, refusedLately } from '../graph/refusedProperties';
import type { GraphCollection, GraphGroup, GraphUser } from '../graph/types';
import { listLeniently } from './listLeniently';
import { bestMatches, closestNames, firstLetterVariants } from './rankNames';
import { resolution, Resolution } from './resolution';

export interface PrincipalMatch {
  ref: PrincipalRef;
  object: GraphUser | GraphGroup;
  /** A line that tells two people apart in a "which one?" card. */
  subtitle: string;
  /** The properties the read of `object` asked for (a user's: USER_FIELDS and any extra given). */
  selected: readonly string[];
}

const USER_NAME_FIELDS = ['displayName', 'givenName', 'surname', 'userPrincipalName', 'mail'];
const GROUP_NAME_FIELDS = ['displayName', 'mailNickname'];

function anyStartsWith(fields: string[], prefixes: string[]): string {
  return fields.flatMap((f) => prefixes.map((p) => `startswith(${f},${odataString(p)})`)).join(' or ');
}

function userNames(u: GraphUser): Array<string | null | undefined> {
  const local = (v?: string | null) => v?.split('@')[0];
  return [u.displayName, u.givenName, u.surname, [u.givenName, u.surname].filter(Boolean).join(' '), u.userPrincipalName, local(u.userPrincipalName), u.mail, local(u.mail)];
}

function groupNames(g: GraphGroup): Array<string | null | undefined> {
  return [g.displayName, g.mailNickname, g.displayName ? `${g.displayName} group` : undefined];
}

function toMatch(object: GraphUser | GraphGroup, kind: 'user' | 'group', selected: readonly string[] = kind === 'user' ? USER_FIELDS : GROUP_FIELDS): PrincipalMatch {
  if (kind === 'user') {
    const u = object as GraphUser;
    return {
      ref: { kind, id: u.id, displayName: u.displayName ?? u.userPrincipalName ?? u.id },
      object: u,
      subtitle: [u.userPrincipalName, u.jobTitle, u.department].filter(Boolean).join(' · '),
      selected,
    };
  }
  const g = object as GraphGroup;
  return { ref: { kind, id: g.id, displayName: g.displayName ?? g.id }, object: g, subtitle: ['Group', g.mail ?? g.description].filter(Boolean).join(' · '), selected };
}

/**
 * Names that found exactly one person lately, per tenant: only the id (and the apps the answer was about), never
 * the person's attributes, and only as a guess. The name is still looked up with every question; the guess lets
 * the reads that need the person's id (assignments, logs) go in the same round trip as the look-up, and they are
 * used only when the look-up finds that same person alone again. A minute, as shared log and schema reads.
 */
const REMEMBER_MS = 60_000;
const MAX_REMEMBERED = 500;
/** `apps`: the apps with provisioning the person's last answer was about (read ahead next time, not every app). */
const remembered = new Map<string, { at: number; kind: 'user' | 'group'; id: string; apps?: string[] }>();
type Reuse = Pick<GraphGateway, 'tenant' | 'reusesLogReads'>;
const rememberKey = (gateway: Reuse, typed: string) => `${gateway.tenant}|${typed.trim().toLowerCase()}`;

function kept(gateway: Reuse, typed: string, now = Date.now()) {
  // Where read reuse is off (GRAPH_LOG_CACHE_SECONDS=0), nothing is guessed.
  const entry = gateway.reusesLogReads ? remembered.get(rememberKey(gateway, typed)) : undefined;
  return entry && now - entry.at < REMEMBER_MS ? entry : undefined;
}

/** Whom this name found alone within the last minute, if anyone (no request), and the apps asked about. */
export function rememberedPrincipal(gateway: Reuse, typed: string): (Pick<PrincipalRef, 'kind' | 'id'> & { apps?: readonly string[] }) | undefined {
  const entry = kept(gateway, typed);
  return entry && { kind: entry.kind, id: entry.id, ...(entry.apps ? { apps: entry.apps } : {}) };
}

/**
 * Remembers whom a question about this name went on to answer about, with the apps with provisioning that
 * answer concerned (service principal ids): set once the answer is given, so a name that led elsewhere (an
 * app of that name, a choice) is never guessed.
 */
export function rememberAnswered(gateway: Reuse, typed: string, principal: Pick<PrincipalRef, 'kind' | 'id'>, spIds: readonly string[], now = Date.now()): void {
  if (!gateway.reusesLogReads) return;
  const key = rememberKey(gateway, typed);
  remembered.delete(key);
  for (const [k, v] of remembered) if (now - v.at >= REMEMBER_MS) remembered.delete(k);
  if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, { at: now, kind: principal.kind, id: principal.id, apps: [...spIds] });
}

/** A name that no longer finds that one person alone is no longer guessed. */
function forgetUnlessOne(gateway: Reuse, typed: string, found: Resolution<PrincipalMatch>): Resolution<PrincipalMatch> {
  const key = rememberKey(gateway, typed);
  const entry = remembered.get(key);
  if (entry && (found.kind !== 'one' || found.value.ref.id !== entry.id)) remembered.delete(key);
  return found;
}

/** The users and groups a filter finds; undefined when the server cannot filter users that way. */
async function query(gateway: GraphGateway, userFilter: string, groupFilter: string, top: number, userFields: readonly string[]): Promise<PrincipalMatch[] | undefined> {
  const answers = await gateway.batch<GraphCollection<GraphUser | GraphGroup>>([
    { id: 'users', method: 'GET', url: graphPath(USERS_PATH, { filter: userFilter, select: userFields, top }) },
    { id: 'groups', method: 'GET', url: graphPath(GROUPS_PATH, { filter: groupFilter, select: GROUP_FIELDS, top }) },
  ]);
  const users = answers.get('users');
  const groups = answers.get('groups');
  // The extra properties (a scoping filter's extension attribute) may be ones Graph refuses to select (gone, or
  // behind a permission the admin lacks): the search is done again with the usual ones, which the bot needs.
  if (users && !users.ok && userFields.length > USER_FIELDS.length && ['graph-bad-request', 'graph-forbidden'].includes(users.error.code)) {
    noteRefused(gateway, userFields.slice(USER_FIELDS.length), users.error.code === 'graph-forbidden' ? 'forbidden' : 'unknown');
    return query(gateway, userFilter, groupFilter, top, USER_FIELDS);
  }
  if (users && !users.ok && users.error.code === 'graph-bad-request') return undefined;
  // Users are what most questions are about: their failure is the user's failure. Groups are a bonus.
  if (!users?.ok) throw users?.error ?? new BotError('graph-bad-response', 'Microsoft Graph did not answer the user search.');
  return [
    ...(users.body.value ?? []).map((u) => toMatch(u, 'user', userFields)),
    ...(groups?.ok ? (groups.body.value ?? []).map((g) => toMatch(g, 'group')) : []),
  ];
}

/** For a Graph-compatible server that cannot filter: every user (and group, where it lists them), ranked here. */
async function everyone(gateway: GraphGateway): Promise<PrincipalMatch[]> {
  const [users, groups] = await Promise.all([
    listLeniently<GraphUser>(gateway, USERS_PATH, { select: USER_FIELDS }),
    listLeniently<GraphGroup>(gateway, GROUPS_PATH, { select: GROUP_FIELDS }).catch(() => []),
  ]);
  return [...users.map((u) => toMatch(u, 'user')), ...groups.map((g) => toMatch(g, 'group'))];
}

const namesOf = (m: PrincipalMatch) => (m.ref.kind === 'user' ? userNames(m.object as GraphUser) : groupNames(m.object as GraphGroup));

/**
 * The user or group `typed` names. `extraUserFields`: user properties to read besides USER_FIELDS (those the
 * tenant's scoping filters use), so the person's attributes need no read of their own.
 */
export async function resolvePrincipal(gateway: GraphGateway, typed: string, extraUserFields: readonly string[] = []): Promise<Resolution<PrincipalMatch>> {
  const refused = refusedLately(gateway, extraUserFields);
  return forgetUnlessOne(gateway, typed, await lookUp(gateway, typed, [...USER_FIELDS, ...extraUserFields.filter((p) => !refused.has(p))]));
}

async function lookUp(gateway: GraphGateway, typed: string, userFields: readonly string[]): Promise<Resolution<PrincipalMatch>> {
  const name = typed.trim().replace(/\s+group$/i, '') || typed.trim();
  const exactFilter = name.includes('@')
    ? `userPrincipalName eq ${odataString(name)} or mail eq ${odataString(name)} or ${anyStartsWith(['userPrincipalName', 'mail'], [name.split('@')[0]])}`
    : anyStartsWith(USER_NAME_FIELDS, [name]);
  const firstPass = await query(gateway, exactFilter, anyStartsWith(GROUP_NAME_FIELDS, [name]), 50, userFields);
  const found = firstPass ? bestMatches(typed, firstPass, namesOf) : [];
  if (found.length) return resolution(typed, dedupe(found), () => []);

  // Nothing as typed (a typo, a missing accent): a broader first-letter query, ranked here.
  const letters = firstLetterVariants(name);
  const broader = firstPass && letters.length
    ? await query(gateway, anyStartsWith(['givenName', 'surname', 'displayName'], letters), anyStartsWith(['displayName'], letters), 999, userFields)
    : undefined;
  const pool = broader ?? (await everyone(gateway));
  const matches = dedupe(bestMatches(typed, pool, namesOf));
  return resolution(typed, matches, () => closestNames(typed, pool.map((m) => m.ref.displayName)));
}

function dedupe(matches: PrincipalMatch[]): PrincipalMatch[] {
  return [...new Map(matches.map((m) => [m.ref.id, m])).values()];
}

/** Reads a user or group chosen earlier (from a "which one?" card) by id. */
export async function loadPrincipal(gateway: GraphGateway, kind: 'user' | 'group', id: string): Promise<PrincipalMatch> {
  const object =
    kind === 'user'
      ? await gateway.get<GraphUser>(principalPath('user', id), { select: USER_FIELDS })
      : await gateway.get<GraphGroup>(principalPath('group', id), { select: GROUP_FIELDS });
  return toMatch(object, kind);
}
