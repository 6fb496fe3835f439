// Properties Graph lately refused to return to an admin (a lifecycle property behind a permission of its own, an
// extension attribute that is gone), per tenant and admin, since the permission is the admin's: a minute, so
// the user search and the person's attribute read leave them out instead of each question asking again.
import type { GraphGateway } from './gateway';
import { currentQuestion } from './questionScope';

const REFUSED_MS = 60_000;
const refused = new Map<string, { at: number; why: Map<string, string> }>();
const keyOf = (gateway: Pick<GraphGateway, 'tenant'>) => `${gateway.tenant}|${currentQuestion()?.user ?? ''}`;

function live(gateway: Pick<GraphGateway, 'tenant'>, now: number) {
  const entry = refused.get(keyOf(gateway));
  return entry && now - entry.at < REFUSED_MS ? entry : undefined;
}

/** Why Graph refused each of these properties lately, for those it did. */
export function refusedLately(gateway: Pick<GraphGateway, 'tenant'>, names: readonly string[], now = Date.now()): Map<string, string> {
  const entry = live(gateway, now);
  return new Map(entry ? names.filter((n) => entry.why.has(n)).map((n) => [n, entry.why.get(n)!]) : []);
}

/** Graph refused these properties (403: a permission of their own; 400: not a property it knows). */
export function noteRefused(gateway: Pick<GraphGateway, 'tenant'>, names: readonly string[], status: 'forbidden' | 'unknown', now = Date.now()): Map<string, string> {
  const why =
    status === 'forbidden'
      ? `Microsoft Graph did not return ${names.join(', ')} to you (it needs a permission of its own)`
      : `Microsoft Graph did not accept ${names.join(', ')} as a property of this user`;
  const entry = live(gateway, now) ?? { at: now, why: new Map<string, string>() };
  entry.at = now;
  for (const n of names) entry.why.set(n, why);
  refused.set(keyOf(gateway), entry);
  return new Map(names.map((n) => [n, why]));
}
