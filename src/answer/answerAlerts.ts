// Alert subscriptions in chat: "alerts on [app]", "alerts off [app]", "alerts", "mute <app> alerts for 2 h".
// Every answer says what this conversation watches and, when turning alerts on, what is broken right now.
import { currentIncident } from '../alerts/incidents';
import { appsOf, type DigestSchedule, type Subscription, type Subscriptions } from '../alerts/subscriptions';
import type { OutcomeView } from '../domain/remediationViews';
import type { AlertDetector, Fact, Intent } from '../domain/types';
import type { GraphGateway } from '../graph/gateway';
import { renderOutcome, renderProblem, type Rendered } from '../render';
import { resolveApp } from '../resolve/findApp';
import { listProvisioningApps, type KnownApps } from '../resolve/provisioningApps';
import { formatTime } from '../diagnose/time';

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
  /** The app inventory (which apps have provisioning) shared by all turns and instances. */
  inventory?: KnownApps;
  /** The asking admin's IANA time zone (Teams' localTimezone): a digest's "9:00" is theirs. */
  timeZone?: string;
}

const MAX_FACTS = 10;

// Alerts answers may go to a channel, read by people in many time zones: times are UTC, with how long.
function watched(sub: Subscription | undefined, now: Date): Fact[] {
  if (!sub || sub.scope === 'none') return [{ label: 'Watching', value: 'nothing' }];
  const apps = sub.scope === 'all' ? 'every app with provisioning' : appsOf(sub.scope).map((a) => a.name).join(', ');
  const muted = Object.entries(sub.mutedUntil)
    .filter(([, until]) => Date.parse(until) > now.getTime())
    .map(([spId, until]) => ({ label: 'Muted', value: `${sub.mutedNames?.[spId] ?? appsOf(sub.scope).find((a) => a.spId === spId)?.name ?? spId} until ${formatTime(until, { now })}` }));
  const off = Object.entries(sub.detectors ?? {}).filter(([, on]) => on === false).map(([kind]) => DETECTOR_NAMES[kind as AlertDetector] ?? kind);
  const only = Object.entries(sub.only ?? {}).map(([spId, kinds]) => ({ label: 'Only', value: `${appName(sub, spId)}: ${kinds.map((k) => DETECTOR_NAMES[k]).join(', ')}` }));
  return [
    { label: 'Watching', value: apps },
    ...muted,
    ...only,
    ...(off.length ? [{ label: 'Switched off', value: off.join(', ') }] : []),
    ...(sub.stalledHours ? [{ label: 'Stalled after', value: `${sub.stalledHours} hours without a finished cycle` }] : []),
    ...(sub.digest ? [{ label: 'Digest', value: digestWords(sub.digest) }] : []),
  ];
}

const DETECTOR_NAMES: Record<AlertDetector, string> = {
  quarantine: 'quarantine',
  deletions: 'accidental-deletions stop',
  failing: 'failing cycles',
  'escrow-rising': 'failures rising toward quarantine',
  stalled: 'no finished cycle for hours',
  'slow-cycle': 'slow cycles',
  paused: 'paused jobs',
  disabled: 'disabled jobs',
};

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function digestWords(digest: DigestSchedule): string {
  return `${digest.every === 'weekly' ? `weekly on ${WEEKDAYS[digest.weekday ?? 1]}` : 'daily'} at ${digest.at} ${digest.timeZone ?? 'UTC'}`;
}

function appName(sub: Subscription, spId: string): string {
  return appsOf(sub.scope).find((a) => a.spId === spId)?.name ?? sub.onlyNames?.[spId] ?? sub.mutedNames?.[spId] ?? spId;
}

async function currentProblems(ctx: AlertsContext, spId?: string): Promise<Fact[]> {
  const apps = (await listProvisioningApps(ctx.gateway, ctx.inventory)).filter((a) => !spId || a.app.spId === spId);
  const problems = apps.map((a) => currentIncident(a, { now: ctx.now })).filter((i) => i !== null);
  if (!problems.length) return [{ label: 'Current problems', value: 'none' }];
  return problems.slice(0, MAX_FACTS).map((i) => ({ label: 'Problem now', value: i.summary }));
}

const outcome = (view: OutcomeView): Rendered => renderOutcome(view);

async function appNamed(ctx: AlertsContext, name: string): Promise<{ spId: string; name: string } | Rendered> {
  const found = await resolveApp(ctx.gateway, name, ctx.inventory);
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
  if (action === 'digest') return answerDigest(intent, ctx);
  const detector = intent.alerts?.detector;
  if ((action === 'on' || action === 'off') && detector && !target) {
    const limit = detector === 'stalled' && action === 'on' ? intent.alerts?.hours : undefined;
    const sub = await ctx.subscriptions.amend(ctx.conversationId, (s) => ({
      ...s,
      detectors: { ...s.detectors, [detector]: action === 'on' },
      ...(limit ? { stalledHours: Math.min(Math.max(Math.round(limit), 1), 24 * 7) } : {}),
    }));
    if (!sub) return outcome({ status: 'no-change', title: 'No alerts here yet', summary: 'Say “alerts on” first.', facts: [] });
    return outcome({ status: 'succeeded', title: `Alerts about ${DETECTOR_NAMES[detector]} ${action === 'on' ? 'on' : 'off'} in this ${ctx.place}`, summary: 'Other alerts are unchanged.', facts: watched(sub, ctx.now) });
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
    const only = intent.alerts?.only;
    if (only && !target) return renderProblem({ title: 'Which app is that for?', whatHappened: 'A filter like “only failures” is per app.', tryThis: ['Say for example “alerts for Slack only failures”.'] });
    const subscribed = await ctx.subscriptions.subscribe(ctx.reference, target ?? 'all', ctx.who);
    const sub = only && target ? ((await ctx.subscriptions.amend(ctx.conversationId, (s) => ({ ...s, only: { ...s.only, [target.spId]: only }, onlyNames: { ...s.onlyNames, [target.spId]: target.name.slice(0, 200) } }))) ?? subscribed) : subscribed;
    return outcome({
      status: 'succeeded',
      title: `Alerts are on for ${target?.name ?? 'every app with provisioning'}`,
      // A poller turned off (ALERT_POLL_SECONDS=0) checks nothing: the subscription is kept, and that is said.
      summary:
        ctx.pollSeconds > 0
          ? `I check every ${every}. When provisioning breaks, this ${ctx.place} gets one card per problem with the diagnosis and the fix buttons, and the card turns to resolved when it recovers. Problems already there get their card at the next check.`
          : `The subscription is saved, but this bot’s alert checks are turned off (ALERT_POLL_SECONDS is 0), so no card comes until whoever runs the bot turns them on. Then this ${ctx.place} gets one card per problem with the fix buttons.`,
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
      ? { status: 'succeeded', title: `${target.name} alerts muted until ${formatTime(until, { now: ctx.now })}`, summary: 'Cards already posted still turn to resolved on recovery.', facts: watched(sub, ctx.now) }
      : { status: 'no-change', title: 'No alerts to mute here', summary: 'Say “alerts on” first.', facts: [] },
  );
}

/** "digest daily at 9:00", "digest weekly", "digest off", "digest now". */
async function answerDigest(intent: Intent, ctx: AlertsContext): Promise<Rendered> {
  const asked = intent.alerts?.digest ?? { every: 'daily' as const };
  const current = await ctx.subscriptions.get(ctx.conversationId);
  if (!current || current.scope === 'none') {
    return renderProblem({ title: 'Turn alerts on first', whatHappened: `The digest sums up the apps this ${ctx.place} watches, and it watches none yet.`, tryThis: ['Say “alerts on”, then “digest daily at 9:00”.'] });
  }
  if (asked.every === 'off' || asked.every === 'now') {
    if (!current.digest) return outcome({ status: 'no-change', title: 'No digest here', summary: 'Say for example “digest daily at 9:00”.', facts: watched(current, ctx.now) });
    const sub = await ctx.subscriptions.amend(ctx.conversationId, (s) => {
      if (asked.every === 'off') {
        const { digest: _digest, ...rest } = s;
        return rest;
      }
      return { ...s, digest: { ...s.digest!, rerunAskedAt: ctx.now.toISOString() } };
    });
    return asked.every === 'off'
      ? outcome({ status: 'succeeded', title: `Digest off in this ${ctx.place}`, summary: 'Alerts are unchanged.', facts: watched(sub, ctx.now) })
      : outcome({ status: 'succeeded', title: 'Digest on its way', summary: 'It comes with the next check; a digest already posted for this period is updated in place.', facts: watched(sub, ctx.now) });
  }
  const digest: DigestSchedule = {
    every: asked.every,
    at: asked.at ?? current.digest?.at ?? '09:00',
    ...(asked.every === 'weekly' ? { weekday: asked.weekday ?? current.digest?.weekday ?? 1 } : {}),
    ...(ctx.timeZone && !/^(utc|etc\/utc)$/i.test(ctx.timeZone) ? { timeZone: ctx.timeZone } : {}),
    since: ctx.now.toISOString(),
  };
  const sub = await ctx.subscriptions.amend(ctx.conversationId, (s) => ({ ...s, digest }));
  return outcome({
    status: 'succeeded',
    title: `Digest ${digestWords(digest)}`,
    summary: `One card with the apps by state, what changed, skips and failures by cause and the top three things to do. Say “digest now” to get it at once, “digest off” to stop.`,
    facts: watched(sub, ctx.now),
  });
}
