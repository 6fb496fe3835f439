// Finds the user or group a question is about, by display name, given name, surname, or UPN/mail prefix,
// accent- and case-insensitively. One `$batch` in the common case; a broader first-letter query only when
// the typed name matches nothing as typed (typos, missing accents).
import type { PrincipalRef } from '../domain/types';
import { BotError } from '../errors';
import type { GraphGateway } from '../graph/gateway';
import { graphPath, GROUP_FIELDS, GROUPS_PATH, principalPath, USER_FIELDS, USERS_PATH } from '../graph/endpoints';
import { odataString } from '../graph/odataText';
import type { GraphCollection, GraphGroup, GraphUser } from '../graph/types';
import { listLeniently } from './listLeniently';
import { bestMatches, closestNames, firstLetterVariants } from './rankNames';
import { resolution, Resolution } from './resolution';

export interface PrincipalMatch {
  ref: PrincipalRef;
  object: GraphUser | GraphGroup;
  /** A line that tells two people apart in a "which one?" card. */
  subtitle: string;
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

function toMatch(object: GraphUser | GraphGroup, kind: 'user' | 'group'): PrincipalMatch {
  if (kind === 'user') {
    const u = object as GraphUser;
    return {
      ref: { kind, id: u.id, displayName: u.displayName ?? u.userPrincipalName ?? u.id },
      object: u,
      subtitle: [u.userPrincipalName, u.jobTitle, u.department].filter(Boolean).join(' · '),
    };
  }
  const g = object as GraphGroup;
  return { ref: { kind, id: g.id, displayName: g.displayName ?? g.id }, object: g, subtitle: ['Group', g.mail ?? g.description].filter(Boolean).join(' · ') };
}

/** The users and groups a filter finds; undefined when the server cannot filter users that way. */
async function query(gateway: GraphGateway, userFilter: string, groupFilter: string, top: number): Promise<PrincipalMatch[] | undefined> {
  const answers = await gateway.batch<GraphCollection<GraphUser | GraphGroup>>([
    { id: 'users', method: 'GET', url: graphPath(USERS_PATH, { filter: userFilter, select: USER_FIELDS, top }) },
    { id: 'groups', method: 'GET', url: graphPath(GROUPS_PATH, { filter: groupFilter, select: GROUP_FIELDS, top }) },
  ]);
  const users = answers.get('users');
  const groups = answers.get('groups');
  if (users && !users.ok && users.error.code === 'graph-bad-request') return undefined;
  // Users are what most questions are about: their failure is the user's failure. Groups are a bonus.
  if (!users?.ok) throw users?.error ?? new BotError('graph-bad-response', 'Microsoft Graph did not answer the user search.');
  return [
    ...(users.body.value ?? []).map((u) => toMatch(u, 'user')),
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

export async function resolvePrincipal(gateway: GraphGateway, typed: string): Promise<Resolution<PrincipalMatch>> {
  const name = typed.trim().replace(/\s+group$/i, '') || typed.trim();
  const exactFilter = name.includes('@')
    ? `userPrincipalName eq ${odataString(name)} or mail eq ${odataString(name)} or ${anyStartsWith(['userPrincipalName', 'mail'], [name.split('@')[0]])}`
    : anyStartsWith(USER_NAME_FIELDS, [name]);
  const firstPass = await query(gateway, exactFilter, anyStartsWith(GROUP_NAME_FIELDS, [name]), 50);
  const found = firstPass ? bestMatches(typed, firstPass, namesOf) : [];
  if (found.length) return resolution(typed, dedupe(found), () => []);

  // Nothing as typed (a typo, a missing accent): a broader first-letter query, ranked here.
  const letters = firstLetterVariants(name);
  const broader = firstPass && letters.length
    ? await query(gateway, anyStartsWith(['givenName', 'surname', 'displayName'], letters), anyStartsWith(['displayName'], letters), 999)
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
