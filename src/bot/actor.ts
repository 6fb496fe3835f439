// Who is acting in a turn: the admin a question is answered for and a click runs as and is recorded for.
import type { TurnContext } from 'botbuilder';
import type { Actor } from '../remediation/remediate';

export function actorOf(context: TurnContext): Actor {
  const a = context.activity;
  const channelTenant = (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return {
    name: a.from?.name ?? 'Unknown user',
    aadObjectId: a.from?.aadObjectId ?? a.from?.id ?? 'unknown',
    tenantId: a.conversation?.tenantId ?? channelTenant ?? 'local',
    timeZone: a.localTimezone || undefined,
    locale: a.locale || undefined,
  };
}
