// ALLOWED_TENANTS: only activities from these tenants reach the bot. Teams names the tenant twice (the
// conversation and channelData); every tenant an activity names must be allowed, and an activity that names
// none is refused, so a missing field cannot slip through.

interface TenantFields {
  conversation?: { tenantId?: unknown };
  channelData?: { tenant?: { id?: unknown } };
}

/** The tenant ids an activity body names, lower-cased. */
export function tenantsOf(body: unknown): string[] {
  const activity = (body && typeof body === 'object' ? body : {}) as TenantFields;
  return [activity.conversation?.tenantId, activity.channelData?.tenant?.id]
    .filter((id): id is string => typeof id === 'string' && id.trim() !== '')
    .map((id) => id.trim().toLowerCase());
}

/** A check for activity bodies; without a list (ALLOWED_TENANTS unset) every tenant is allowed. */
export function tenantAllowList(allowed: readonly string[] | undefined): (body: unknown) => boolean {
  if (!allowed) return () => true;
  const ids = new Set(allowed.map((id) => id.toLowerCase()));
  return (body) => {
    const named = tenantsOf(body);
    return named.length > 0 && named.every((id) => ids.has(id));
  };
}
