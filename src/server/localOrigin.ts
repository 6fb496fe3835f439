// Local mode answers only this machine: the Host a request was sent to and the Origin of the page that sent
// it (when a browser sent it) must both be loopback. That stops a web page from driving a developer's bot,
// directly or through DNS rebinding.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function hostnameOf(hostHeader: string): string {
  // "[::1]:3978" → "[::1]", "127.0.0.1:3978" → "127.0.0.1"
  const bracketed = /^(\[[^\]]+\])(:\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1];
  return hostHeader.replace(/:\d+$/, '');
}

export function isLoopbackHost(hostHeader: string | undefined): boolean {
  return !!hostHeader && LOOPBACK_HOSTS.has(hostnameOf(hostHeader.trim().toLowerCase()));
}

export function isLocalRequest(headers: { host?: string; origin?: string | string[] }): boolean {
  if (!isLoopbackHost(headers.host)) return false;
  const origin = Array.isArray(headers.origin) ? headers.origin[0] : headers.origin;
  if (origin === undefined) return true;
  try {
    return isLoopbackHost(new URL(origin).host);
  } catch {
    return false;
  }
}
