// Small builders shared by the topic diagnosers: remedies with their button data, facts, summaries.
import { clip } from '../domain/text';
import type { AppRef, Cause, Diagnosis, Fact, Finding, Remedy, RemedyData, RemedyVerb } from '../domain/types';

export function remedy(verb: RemedyVerb, title: string, app: AppRef, data: Omit<RemedyData, 'spId' | 'jobId'> = {}): Remedy {
  const extra = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  return { verb, title, data: { spId: app.spId, jobId: app.jobId, ...extra } };
}

/** A fact, or nothing when the value is missing (facts are never invented). */
export function fact(label: string, value: string | number | boolean | null | undefined): Fact[] {
  if (value === null || value === undefined || value === '') return [];
  return [{ label, value: String(value) }];
}

/** Long service messages are cut so a card stays readable; the full text is in the portal's log. */
export const serviceMessage = (text: string | null | undefined): string => clip(text?.trim(), 300);

export function summarize(findings: Finding[], fallback: string): string {
  if (findings.length === 0) return fallback;
  return findings.map((f) => f.title).join('; ');
}

export function diagnosis(topic: Diagnosis['topic'], subject: Diagnosis['subject'], findings: Finding[], fallback: string): Diagnosis {
  return { topic, subject, summary: summarize(findings, fallback), findings };
}

/** A diagnosis with what it could not see. */
export function withCaveats(d: Diagnosis, caveats: string[]): Diagnosis {
  return caveats.length ? { ...d, caveats: [...(d.caveats ?? []), ...caveats] } : d;
}

export const appName = (app: AppRef | null | undefined) => app?.displayName?.trim() || 'the application';

/** Said once per answer when the provisioning logs could not be read: what the answer is based on instead. */
export function logsCaveat(why: string | undefined): string[] {
  if (!why) return [];
  return [
    `The provisioning logs could not be read: ${why}. This answer comes from the job, the assignments and the scoping filter; a skip or error only the logs record would not show here.`,
  ];
}

/**
 * Causes that only a change outside the bot fixes (an attribute, a scoping filter, the app's own data): no
 * button fixes them, so none is primary and "fix it" says what to change; their buttons check the fix once made.
 */
export const FIXED_BY_HAND: ReadonlySet<Cause> = new Set<Cause>([
  'scoping-filter',
  'required-attribute-empty',
  'matching-attribute-empty',
  'export-failed',
  'disabled-in-source',
]);
