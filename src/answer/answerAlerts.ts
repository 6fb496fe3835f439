// Alert subscriptions in chat: "alerts on [app]", "alerts off [app]", "alerts", "mute <app> alerts for 2 h".
// Every answer says what this conversation watches and, when turning alerts on, what is broken right now.
import { currentIncident } from '../alerts/incidents';
import { appsOf, type Subscription, type Subscriptions } from '../alerts/subscriptions';
import type { OutcomeView } from '../domain/remediationViews';
import type { Fact, Intent } from '../domain/types';
import type { GraphGateway } from '../graph/gateway';
import { renderOutcome, renderProblem, type Rendered } from '../render';
import { resolveApp } from '../resolve/findApp';
import { listProvisioningApps } from '../resolve/provisioningApps';

export interface AlertsContext {
  subscriptions: Subscriptions;
  /** The conversation as Teams gave it (plain JSON, kept to post later). */
  reference: Parameters<Subscriptions['subscribe']>[0];
  conversationId: string;
  /** "channel", "group chat" or "chat", for the words on the card. */
  place: string;
  who: string;
  gateway: GraphGateway;
  pollSeconds: number;
  now: Date;
  /** The conversation's tenant, and (production) the tenant the poller reads with app-only permissions. */
  tenantId: string;
  homeTenantId?: string;
}

const MAX_FACTS = 10;

function watched(sub: Subscription | undefined, now: Date): Fact[] {
  if (!sub || sub.scope === 'none') return [{ label: 'Watching', value: 'nothing' }];
  const apps = sub.scope === 'all' ? 'every app with provisioning' : appsOf(sub.scope).map((a) => a.name).join(', ');
  const muted = Object.entries(sub.mutedUntil)
    .filter(([, until]) => Date.parse(until) > now.getTime())
    .map(([spId, until]) => ({ label: 'Muted', value: `${sub.mutedNames?.[spId] ?? appsOf(sub.scope).find((a) => a.spId === spId)?.name ?? spId} until ${until.slice(0, 16).replace('T', ' ')} UTC` }));
  return [{ label: 'Watching', value: apps }, ...muted];
}

async function currentProblems(ctx: AlertsContext, spId?: string): Promise<Fact[]> {
  const apps = (await listProvisioningApps(ctx.gateway)).filter((a) => !spId || a.app.spId === spId);
  const problems = apps.map((a) => currentIncident(a, { now: ctx.now })).filter((i) => i !== null);
  if (!problems.length) return [{ label: 'Current problems', value: 'none' }];
  return problems.slice(0, MAX_FACTS).map((i) => ({ label: 'Problem now', value: i.summary }));
}

const outcome = (view: OutcomeView): Rendered => renderOutcome(view);

async function appNamed(ctx: AlertsContext, name: string): Promise<{ spId: string; name: string } | Rendered> {
  const found = await resolveApp(ctx.gateway, name);
  if (found.kind === 'one') return { spId: found.value.app.spId, name: found.value.app.displayName };
  return renderProblem({
    title: found.kind === 'many' ? `More than one app matches “${name}”` : `I couldn't find an app called “${name}”`,
    whatHappened: found.kind === 'many' ? `Alerts need one app: ${found.options.map((a) => a.app.displayName).join(', ')}.` : 'No app with provisioning set up matches that name.',
    tryThis: ['Say the app’s full name as it appears under Enterprise applications, for example “alerts on Salesforce”.'],
    suggestions: found.kind === 'none' ? found.closest : found.options.map((a) => a.app.displayName),
  });
}

export async function answerAlerts(intent: Intent, ctx: AlertsContext): Promise<Rendered> {
  const action = intent.alerts?.action ?? 'list';
  const every = ctx.pollSeconds >= 120 ? `${Math.round(ctx.pollSeconds / 60)} minutes` : `${ctx.pollSeconds} seconds`;
  const target = intent.app ? await appNamed(ctx, intent.app) : undefined;
  if (target && 'card' in target) return target;

  if (action === 'list') {
    const sub = await ctx.subscriptions.get(ctx.conversationId);
    return outcome({ status: 'no-change', title: `Alerts in this ${ctx.place}`, summary: sub && sub.scope !== 'none' ? `Checked every ${every}.` : 'Say “alerts on” to be told when provisioning breaks.', facts: watched(sub, ctx.now) });
  }
  if (action === 'on') {
    if (ctx.homeTenantId && ctx.tenantId !== ctx.homeTenantId) {
      return renderProblem({
        title: 'Alerts watch this bot’s own tenant only',
        whatHappened: 'The alert poller reads provisioning with the bot’s application permissions in the tenant it is registered in; this conversation belongs to another tenant.',
        tryThis: ['Ask questions here as usual: they run with your own permissions in your tenant.'],
      });
    }
    // Read as the admin first: the poller later posts what the bot's own permissions see, so only someone
    // allowed to read provisioning may turn it on (a 403 here ends the command before anything is saved).
    const problems = await currentProblems(ctx, target?.spId);
    const sub = await ctx.subscriptions.subscribe(ctx.reference, target ?? 'all', ctx.who);
    return outcome({
      status: 'succeeded',
      title: `Alerts are on for ${target?.name ?? 'every app with provisioning'}`,
      summary: `I check every ${every}. When provisioning breaks, this ${ctx.place} gets one card per problem with the diagnosis and the fix buttons, and the card turns to resolved when it recovers. Problems already there get their card at the next check.`,
      facts: [...watched(sub, ctx.now), ...problems],
    });
  }
  if (action === 'off') {
    const { subscription, changed } = await ctx.subscriptions.unsubscribe(ctx.conversationId, target?.spId);
    const stillAll = !changed && target && subscription?.scope === 'all';
    return outcome({
      status: changed ? 'succeeded' : 'no-change',
      title: changed ? (target ? `Alerts off for ${target.name}` : `Alerts are off in this ${ctx.place}`) : 'Nothing to turn off',
      summary: stillAll
        ? `This ${ctx.place} watches every app: mute ${target!.name} instead, for example “mute ${target!.name} alerts for a week”.`
        : 'No new alert cards will be posted here; cards already posted still turn to resolved when their problem ends.',
      facts: watched(subscription, ctx.now),
    });
  }
  // mute
  if (!target) return renderProblem({ title: 'Which app should I mute?', whatHappened: 'Muting is per app.', tryThis: ['Say for example “mute Slack alerts for 24 hours”.'] });
  const hours = Math.min(Math.max(intent.alerts?.hours ?? 24, 0.5), 24 * 30);
  const until = new Date(ctx.now.getTime() + hours * 3600_000);
  const sub = await ctx.subscriptions.mute(ctx.conversationId, target.spId, until, target.name);
  return outcome(
    sub
      ? { status: 'succeeded', title: `${target.name} alerts muted until ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC`, summary: 'Cards already posted still turn to resolved on recovery.', facts: watched(sub, ctx.now) }
      : { status: 'no-change', title: 'No alerts to mute here', summary: 'Say “alerts on” first.', facts: [] },
  );
}
