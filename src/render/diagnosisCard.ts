// A Diagnosis as a card, read at a glance: one headline that says what is wrong and for whom, one severity
// badge, at most four key facts, the fix as one or two buttons, and everything else behind "Details". An
// overview (a question that named no app) is a table of the apps that need attention instead.
import type { Cause, Diagnosis, Finding, Severity, Topic } from '../domain/types';
import type { ActionButton } from '../domain/remediationViews';
import { breakable, SEVERITY_BADGE, type Badge, needsCopyableCopy } from './look';
import { FIXED_BY_HAND } from '../diagnose/findings';
import { localizeTimes } from '../diagnose/time';
import { portalLink } from './portalLink';
import { renderFitting, type Limits } from './levels';
import { clip, executeButtons, firstOf, numberedList, str, type Rendered } from './template';

/** Worst first: the badge shows the worst severity among the findings. */
const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info', 'ok'];

const TOPIC_HEADING: Record<Topic, string> = {
  quarantine: 'Quarantine check',
  status: 'Provisioning status',
  credentials: 'Credentials check',
  'not-started': 'Provisioning not starting',
  skipped: 'Skipped or not provisioned',
  audit: 'Actions taken',
  alerts: 'Alerts',
  help: 'Help',
  list: 'Skips and failures',
  history: 'History',
  mapping: 'Attribute mappings',
  deprovisioning: 'Removal from an app',
  access: 'When access arrives',
};

/** The state of an app in the overview table, by cause; other causes show their severity. */
const APP_STATE: Partial<Record<Cause, string>> = {
  'quarantine-credentials': 'Quarantine · credentials',
  'quarantine-escrow': 'Quarantine · failures',
  'quarantine-deletes': 'Quarantine · deletes',
  'quarantine-other': 'Quarantine',
  'last-cycle-failed': 'Last cycle failed',
  'entry-level-errors': 'Errors in last cycle',
  paused: 'Paused',
  'never-run': 'Never run',
  'not-configured': 'Not set up',
  disabled: 'Disabled',
  'initial-cycle': 'First cycle running',
  'credentials-failed': 'Credentials rejected',
};

/** The question a row of the overview asks about its app, by topic. */
const ROW_QUESTION: Partial<Record<Topic, (app: string) => string>> = {
  quarantine: (app) => `Is ${app} in quarantine?`,
  'not-started': (app) => `Why is ${app} provisioning not starting?`,
};


/** A button title's trailing "(after the fix)": said under the button, so the title fits a phone's width. */
const QUALIFIER = /^(.{8,}?)\s*\(([^()]+)\)$/;

function remedyButton(r: Finding['remedies'][number], primary: boolean) {
  const title = clip(str(r.title), 80);
  const qualified = title.length > 30 ? title.match(QUALIFIER) : null;
  return {
    title: qualified ? qualified[1] : title,
    hasCaption: qualified !== null,
    caption: qualified ? `${qualified[2]}` : '',
    verb: str(r.verb),
    data: { ...r.data },
    style: primary ? 'positive' : 'default',
  };
}

/** Causes shown by individual log entries, which the admin reads under Activity › Provisioning logs. */
const LOG_CAUSES: ReadonlySet<Cause> = new Set<Cause>(['entry-level-errors']);

/** An overview's subject (diagnoseOverview): every app with provisioning. */
const ALL_APPS = '*';

/** How a card that is not an answer (a channel alert) differs from one. */
export interface DiagnosisCardOptions {
  /** Replaces the headline: "⚠ ServiceNow went into quarantine 27 min ago". */
  headline?: string;
  /** Fewer key facts than the answer's four. */
  keyFacts?: number;
  /** More buttons after the fix, each on its own row ("Mute ServiceNow alerts for 24 h"). */
  extraButtons?: ActionButton[];
  /** The admin's IANA time zone and locale: times are shown in it, UTC alongside. */
  timeZone?: string;
  locale?: string;
}

const KEY_FACTS = 4;
const TEXT_FINDINGS = 10;
const TEXT_CHARS = 200;

// Diagnoses are built by code, but a missing list or a hole in one must not break the card.
const list = <T>(value: readonly T[] | undefined | null): readonly T[] =>
  Array.isArray(value) ? value.filter((item) => item !== undefined && item !== null) : [];

/** `table[key]`, or `fallback` when the key is not one of its own (a value from outside the vocabulary). */
function pick<V>(table: Partial<Record<string, V>>, key: unknown, fallback: V): V {
  return typeof key === 'string' && Object.hasOwn(table, key) ? (table[key] as V) : fallback;
}

const severityOf = (f: Finding): Severity => (Object.hasOwn(SEVERITY_BADGE, f.severity) ? f.severity : 'info');

/** The findings, worst first (a stable sort keeps the diagnosis' own order within a severity). */
const byWorst = (findings: readonly Finding[]) =>
  [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(severityOf(a)) - SEVERITY_ORDER.indexOf(severityOf(b)));

function overallBadge(findings: readonly Finding[]): Badge {
  return findings.length === 0 ? { ...SEVERITY_BADGE.info, label: 'No findings' } : SEVERITY_BADGE[severityOf(findings[0])];
}

function blade(topic: Topic, cause: Cause): string {
  if (cause === 'population') return 'Users and groups';
  return topic === 'skipped' || LOG_CAUSES.has(cause) ? 'Activity › Provisioning logs' : 'Provisioning';
}

/** Answers that inform rather than diagnose: their steps are what to ask next, not a fix. */
const INFORMS: ReadonlySet<Cause> = new Set<Cause>(['concept', 'population']);

type Local = (text: string) => string;

const factView = (fact: { label?: unknown; value?: unknown } | null | undefined, chars: number, local: Local) => ({
  label: `${clip(str(fact?.label), 100)}: `,
  value: breakable(clip(local(str(fact?.value)), chars)),
});

/**
 * The percentage of a progress fact ("Initial cycle progress: 55% (22 of 40 users…)"), for Teams' ProgressBar;
 * undefined when the finding reports no progress.
 */
function progressOf(evidence: readonly Finding['evidence'][number][]): number | undefined {
  const fact = evidence.find((e) => /progress/i.test(str(e?.label)) && /^\d{1,3}%/.test(str(e?.value)));
  return fact ? Math.min(100, Number(str(fact.value).match(/^(\d{1,3})%/)![1])) : undefined;
}

/** "3 h ago" from "2026-11-20 08:41 UTC (3 h ago)"; the value itself otherwise. */
function sinceOf(f: Finding): string {
  const fact = list(f.evidence).find((e) => /since/i.test(str(e?.label)));
  const value = str(fact?.value);
  return value.match(/\(([^)]*ago)\)/)?.[1] ?? value;
}

/** How many apps an overview counted in each state, worst first, and "OK" for the rest; [] when it says nothing. */
function appsByState(d: Diagnosis, findings: readonly Finding[]): Array<{ legend: string; value: number }> {
  const stateOf = new Map<string, string>();
  for (const f of findings) {
    const app = str(f.app?.spId) || str(f.app?.displayName);
    if (!stateOf.has(app)) stateOf.set(app, pick(APP_STATE, f.cause, SEVERITY_BADGE[severityOf(f)].label));
  }
  const counts = new Map<string, number>();
  for (const state of stateOf.values()) counts.set(state, (counts.get(state) ?? 0) + 1);
  const ok = typeof d.appsChecked === 'number' ? d.appsChecked - stateOf.size : 0;
  // "anything in quarantine?": the other apps are not in quarantine, which is not to say they are all OK.
  if (ok > 0) counts.set(d.topic === 'quarantine' ? 'Not in quarantine' : SEVERITY_BADGE.ok.label, ok);
  // One slice is the headline again: a chart only when apps differ.
  return counts.size > 1 ? [...counts].map(([legend, value]) => ({ legend, value })) : [];
}

/** Long codes and ids of the evidence, repeated as they are behind Details (see `needsCopyableCopy`). */
function copyable(evidence: readonly Finding['evidence'][number][], limits: Limits<'diagnosis'>) {
  return evidence
    .map((f) => ({ label: clip(str(f?.label), 100), value: str(f?.value) }))
    .filter((f) => f.value.length <= limits.chars && needsCopyableCopy(f.value))
    .slice(0, 2)
    .map((f) => ({ label: `${f.label}, to copy`, code: f.value }));
}

function overviewRows(d: Diagnosis, findings: readonly Finding[], limits: Limits<'diagnosis'>) {
  const ask = pick(ROW_QUESTION, d.topic, (app: string) => `How is ${app} doing?`);
  return findings.map((f) => {
    const app = str(f.app?.displayName) || 'Unnamed app';
    const badge = SEVERITY_BADGE[severityOf(f)];
    return {
      app: breakable(clip(app, limits.chars)),
      // The state in words, with the severity's icon before it where the host draws Teams' Icon.
      icon: badge.icon,
      iconColor: badge.style === 'Accent' ? 'Accent' : badge.style === 'Default' ? 'Default' : badge.style,
      state: pick(APP_STATE, f.cause, badge.label),
      since: breakable(clip(sinceOf(f), 60)) || '—',
      ask: clip(ask(app), 300),
    };
  });
}

function diagnosisView(d: Diagnosis, limits: Limits<'diagnosis'>, options: DiagnosisCardOptions) {
  const all = byWorst(list(d.findings));
  const isOverview = d.subject?.id === ALL_APPS && all.length > 1;
  const shown = firstOf(all, limits.findings, isOverview ? 'apps not shown' : 'findings not shown');
  const lead = shown.shown[0];
  const subjectName = clip(str(d.subject?.displayName), limits.chars);
  // A term explained is no check of anything: its heading and its steps say so.
  const concept = lead?.cause === 'concept';
  const heading = concept ? 'Provisioning terms' : pick<string>(TOPIC_HEADING, d.topic, 'Provisioning');
  // One finding says it all in its title; several are summed up by the summary. An overview's summary ends
  // with the apps' names ("2 of 8 apps … need attention: A, B."), which its table shows anyway.
  const summary = isOverview ? str(d.summary).split(':')[0] : str(d.summary);
  const headline = str(options.headline) || (all.length === 1 ? str(lead?.title) : '') || summary || str(lead?.title) || heading;
  const keyCount = Math.min(KEY_FACTS, options.keyFacts ?? KEY_FACTS);
  const local: Local = (text) => localizeTimes(text, options.timeZone, options.locale);

  const evidence = isOverview || !lead ? [] : list(lead.evidence);
  const keyFacts = evidence.slice(0, keyCount).map((f) => factView(f, limits.chars, local));
  const progress = progressOf(evidence);
  const moreFacts = firstOf(evidence.slice(keyCount), Math.max(0, limits.facts - keyCount), 'facts not shown');
  const fix = numberedList(isOverview || !lead ? [] : list(lead.fix).map(str), limits.steps, limits.chars);
  const byHand = lead !== undefined && FIXED_BY_HAND.has(lead.cause);
  const remedies = (isOverview || !lead ? [] : list(lead.remedies))
    .slice(0, limits.remedies)
    .map((r, i) => remedyButton(r, i === 0 && !byHand));
  const portalApp = isOverview ? undefined : lead?.app;
  const portal = portalApp
    ? [
        {
          url: portalLink(portalApp),
          note: clip(
            `“Open in Entra” opens ${str(portalApp.displayName) || 'the app'} in the Entra admin center; then choose ${blade(d.topic, lead!.cause)} in its menu.`,
            limits.chars,
          ),
        },
      ]
    : [];
  const others = isOverview
    ? []
    : shown.shown.slice(1).map((f) => ({ label: SEVERITY_BADGE[severityOf(f)].label, title: breakable(clip(str(f.title), limits.chars)) }));
  const explanation = isOverview ? '' : breakable(clip(local(str(lead?.explanation)), limits.chars));
  const byState = isOverview ? appsByState(d, all) : [];
  const copy = copyable(evidence, limits);
  const hasDetails = copy.length > 0 || fix.has || moreFacts.shown.length > 0 || others.length > 0 || portal.length > 0;
  return {
    headline: breakable(clip(headline, limits.chars)),
    badge: overallBadge(all),
    context: breakable(clip(subjectName && subjectName !== headline ? `${heading} · ${subjectName}` : heading, limits.chars)),
    hasExplanation: explanation !== '',
    explanation,
    // What the answer could not see is never hidden behind Details.
    caveats: list(d.caveats).map((c) => ({ text: breakable(clip(local(str(c)), limits.chars)) })),
    keyFacts,
    hasProgress: progress !== undefined,
    progress: progress ?? 0,
    progressText: `${'▰'.repeat(Math.round((progress ?? 0) / 10))}${'▱'.repeat(10 - Math.round((progress ?? 0) / 10))} ${progress ?? 0}%`,
    copy,
    hasTable: isOverview,
    byState,
    hasChart: byState.length > 0,
    chartText: byState.map((s) => ({ label: `${s.legend}: `, value: String(s.value) })),
    rows: isOverview ? overviewRows(d, shown.shown, limits) : [],
    remedies,
    extras: executeButtons(options.extraButtons),
    hasMoreActions: hasDetails || portal.length > 0,
    hasDetails,
    portal,
    fix,
    fixHeading: lead && INFORMS.has(lead.cause) ? 'Ask me next' : 'How to fix',
    hasMoreFacts: moreFacts.shown.length > 0 || moreFacts.more !== '',
    moreFacts: [...moreFacts.shown.map((f) => factView(f, limits.chars, local)), ...(moreFacts.more ? [{ label: '', value: moreFacts.more }] : [])],
    hasOthers: others.length > 0,
    others,
    hasFindingsMore: shown.more !== '',
    findingsMore: shown.more,
  };
}

function diagnosisText(d: Diagnosis): string {
  const findings = firstOf(list(d.findings), TEXT_FINDINGS, 'findings not shown');
  const lines = findings.shown.map((f) => {
    const title = clip(str(f.title), TEXT_CHARS);
    const firstStep = list(f.fix)[0];
    return firstStep === undefined ? `• ${title}` : `• ${title} — ${clip(str(firstStep), TEXT_CHARS)}`;
  });
  return [clip(str(d.summary), TEXT_CHARS * 3), ...lines, findings.more, ...list(d.caveats).map((c) => clip(str(c), TEXT_CHARS * 3))]
    .filter((line) => line !== '')
    .join('\n');
}

export function renderDiagnosis(d: Diagnosis, options: DiagnosisCardOptions = {}): Rendered {
  return { card: renderFitting('diagnosis', (limits) => diagnosisView(d, limits, options)), text: diagnosisText(d) };
}
