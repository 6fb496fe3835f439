// The Teams adapter the server hands checked activities to. CloudAdapter.process would check the envelope again
// with zod schemas built per request (about a tenth of a millisecond a turn) and print a turn's failure to the
// console with its message as the response body; its processActivity, protected in the typings, does the turn.
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';

export class DirectTeamsAdapter extends TeamsAdapter {
  /** One activity's turn, authenticated from `authHeader` (an empty header only where authentication is off). */
  runActivity(authHeader: string, body: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, withDates(body), logic);
  }
}

type Dated = 'timestamp' | 'expiration' | 'localTimestamp';
const RAW: Record<Dated, string> = { timestamp: 'rawTimestamp', expiration: 'rawExpiration', localTimestamp: 'rawLocalTimestamp' };

/** The fix-up CloudAdapter.process applies before a turn: times as Dates, their strings kept as `raw…`. */
function withDates(activity: Activity): Activity {
  const fields = activity as unknown as Record<string, unknown>;
  for (const field of Object.keys(RAW) as Dated[]) {
    const value = fields[field];
    if (typeof value !== 'string') continue;
    fields[RAW[field]] = value;
    fields[field] = new Date(value);
  }
  return activity;
}
