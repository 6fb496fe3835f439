// A Diagnosis as a card: the subject and summary, then each finding with its evidence, fix steps and buttons.
import type { Cause, Diagnosis, Finding, Severity, Subject, Topic } from '../domain/types';
import { portalLink } from './portalLink';
import { clip, expandFitting, firstOf, noMarkdownLinks, numbered, str, type Rendered } from './template';

interface Look {
  label: string;
  /** An Adaptive Card text colour. */
  color: 'Attention' | 'Warning' | 'Good' | 'Accent';
}

const SEVERITY: Record<Severity, Look> = {
  error: { label: 'Error', color: 'Attention' },
  warning: { label: 'Warning', color: 'Warning' },
  info: { label: 'Info', color: 'Accent' },
  ok: { label: 'OK', color: 'Good' },
};
/** Worst first: the header shows the worst severity among the findings. */
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
};

const SUBJECT_KIND: Record<Subject['kind'], string> = { user: 'User', group: 'Group', app: 'App' };

/** Causes shown by individual log entries, which the admin reads under Activity › Provisioning logs. */
const LOG_CAUSES: ReadonlySet<Cause> = new Set<Cause>(['entry-level-errors']);

interface Limits {
  findings: number;
  facts: number;
  steps: number;
  remedies: number;
  chars: number;
}

// Richest first; the last is small whatever the diagnosis holds (one finding, no remedy data), so it always fits.
const LEVELS: Limits[] = [
  { findings: 8, facts: 12, steps: 8, remedies: 5, chars: 1000 },
  { findings: 5, facts: 6, steps: 5, remedies: 5, chars: 400 },
  { findings: 3, facts: 3, steps: 3, remedies: 3, chars: 200 },
  { findings: 1, facts: 3, steps: 3, remedies: 0, chars: 120 },
];

const TEXT_FINDINGS = 10;
const TEXT_CHARS = 200;

// Diagnoses are built by code, but a missing list or a hole in one must not break the card.
const list = <T>(value: readonly T[] | undefined | null): readonly T[] =>
  Array.isArray(value) ? value.filter((item) => item !== undefined && item !== null) : [];

/** `table[key]`, or `fallback` when the key is not one of its own (a value from outside the vocabulary). */
function pick<V>(table: Record<string, V>, key: unknown, fallback: V): V {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : fallback;
}

const severityOf = (f: Finding): Severity => (Object.hasOwn(SEVERITY, f.severity) ? f.severity : 'info');

function worst(findings: readonly Finding[]): Look {
  if (findings.length === 0) return { label: 'No findings', color: 'Accent' };
  const seen = findings.map(severityOf);
  return SEVERITY[SEVERITY_ORDER.find((s) => seen.includes(s)) ?? 'info'];
}

function blade(topic: Topic, cause: Cause): string {
  return topic === 'skipped' || LOG_CAUSES.has(cause) ? 'Activity › Provisioning logs' : 'Provisioning';
}

function findingView(d: Diagnosis, f: Finding, limits: Limits) {
  const evidence = firstOf(list(f.evidence), limits.facts, 'facts not shown');
  const fix = firstOf(list(f.fix), limits.steps, 'steps not shown');
  const remedies = list(f.remedies)
    .slice(0, limits.remedies)
    .map((r, i) => ({
      title: clip(str(r.title), 80),
      verb: str(r.verb),
      data: { ...r.data },
      style: i === 0 ? 'positive' : 'default',
    }));
  const portal = f.app
    ? [
        {
          url: portalLink(f.app),
          note: clip(
            `Opens ${str(f.app.displayName) || 'the app'} in the Entra admin center; then choose ${blade(d.topic, f.cause)} in its menu.`,
            limits.chars,
          ),
        },
      ]
    : [];
  const explanation = clip(str(f.explanation), limits.chars);
  return {
    severity: SEVERITY[severityOf(f)],
    title: clip(str(f.title), limits.chars),
    hasExplanation: explanation !== '',
    explanation,
    hasEvidence: evidence.shown.length > 0,
    evidence: evidence.shown.map((fact) => ({
      label: clip(str(fact?.label), 100),
      value: noMarkdownLinks(clip(str(fact?.value), limits.chars)),
    })),
    hasEvidenceMore: evidence.more !== '',
    evidenceMore: evidence.more,
    hasFix: fix.shown.length > 0,
    fix: numbered(fix.shown.map(str), limits.chars),
    hasFixMore: fix.more !== '',
    fixMore: fix.more,
    hasActions: remedies.length > 0 || portal.length > 0,
    remedies,
    portal,
  };
}

function diagnosisView(d: Diagnosis, limits: Limits) {
  const findings = firstOf(list(d.findings), limits.findings, 'findings not shown');
  return {
    heading: `${pick(TOPIC_HEADING, d.topic, 'Provisioning')} · ${pick(SUBJECT_KIND, d.subject?.kind, 'Subject')}`,
    subjectName: clip(str(d.subject?.displayName), limits.chars) || 'Unnamed',
    overall: worst(list(d.findings)),
    summary: clip(str(d.summary), limits.chars * 2),
    findings: findings.shown.map((f) => findingView(d, f, limits)),
    hasFindingsMore: findings.more !== '',
    findingsMore: findings.more,
  };
}

function diagnosisText(d: Diagnosis): string {
  const findings = firstOf(list(d.findings), TEXT_FINDINGS, 'findings not shown');
  const lines = findings.shown.map((f) => {
    const title = clip(str(f.title), TEXT_CHARS);
    const firstStep = list(f.fix)[0];
    return firstStep === undefined ? `• ${title}` : `• ${title} — ${clip(str(firstStep), TEXT_CHARS)}`;
  });
  return [clip(str(d.summary), TEXT_CHARS * 3), ...lines, findings.more].filter((line) => line !== '').join('\n');
}

export function renderDiagnosis(d: Diagnosis): Rendered {
  return { card: expandFitting('diagnosis', LEVELS.map((limits) => diagnosisView(d, limits))), text: diagnosisText(d) };
}
