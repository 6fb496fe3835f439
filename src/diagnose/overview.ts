// One answer for an app question that named no app ("is anything in quarantine?"): the problems of every
// app with provisioning, or a short all-clear that lists what was checked.
import type { AppPhase, Diagnosis, Finding, Topic } from '../domain/types';
import { withCaveats } from './findings';

/** An app whose provisioning could not be read, and why in words ("missing permission Synchronization.Read.All"). */
export interface UnreadableAppNote {
  displayName: string;
  why: string;
}

/** Never leave an app out of a count because it could not be read: say how many, which, and why. */
function unreadableCaveat(unreadable: readonly UnreadableAppNote[]): string[] {
  if (!unreadable.length) return [];
  const n = unreadable.length;
  const reasons = [...new Set(unreadable.map((u) => u.why))].join('; ');
  const names = unreadable.slice(0, 5).map((u) => u.displayName).join(', ') + (n > 5 ? ` and ${n - 5} more` : '');
  return [`${n} app${n === 1 ? '' : 's'} could not be read (${reasons}) and ${n === 1 ? 'is' : 'are'} not counted here: ${names}.`];
}

const ALL_CLEAR: Record<string, { cause: Finding['cause']; title: (n: number, which: string) => string }> = {
  quarantine: { cause: 'not-quarantined', title: (n, which) => `None of the ${n} ${which} is in quarantine` },
  'not-started': { cause: 'running', title: (n, which) => `All ${n} ${which} are running` },
  status: { cause: 'healthy', title: (n, which) => `All ${n} ${which} look healthy` },
};

/** An overview narrowed to one state: the finding cause of that state (appTopics' phase findings), in words. */
const IN_PHASE: Record<AppPhase, { one: string; many: string }> = {
  paused: { one: 'is paused', many: 'are paused' },
  disabled: { one: 'is disabled', many: 'are disabled' },
  'never-run': { one: 'has never run', many: 'have never run' },
};

/**
 * `named`: the apps the question named ("are dropbox and tableau in quarantine?"), when not all of them.
 * `phase`: only the apps in that state ("which apps are paused?"); the others are counted, not listed.
 */
export function diagnoseOverview(topic: Topic, perApp: Diagnosis[], unreadable: readonly UnreadableAppNote[] = [], named?: readonly string[], phase?: AppPhase): Diagnosis {
  const which = named ? 'apps asked about' : 'apps with provisioning';
  const subject = { kind: 'app' as const, id: '*', displayName: named ? named.join(', ') : 'All apps with provisioning' };
  const attention = perApp.flatMap((d) => d.findings).filter((f) => f.severity === 'error' || f.severity === 'warning');
  const problems = phase ? attention.filter((f) => f.cause === phase) : attention;
  if (problems.length) {
    const apps = new Set(problems.map((f) => f.app?.displayName));
    const state = phase ? (apps.size === 1 ? IN_PHASE[phase].one : IN_PHASE[phase].many) : 'need attention';
    return withCaveats({ topic, subject, summary: `${apps.size} of ${perApp.length} ${which} ${state}: ${[...apps].join(', ')}.`, findings: problems, appsChecked: perApp.length }, [
      ...othersCaveat(attention, problems),
      ...unreadableCaveat(unreadable),
    ]);
  }
  const clear = phase
    ? { cause: 'running' as const, title: (n: number, w: string) => `None of the ${n} ${w} ${IN_PHASE[phase].one}` }
    : (ALL_CLEAR[topic] ?? ALL_CLEAR.status);
  const title = clear.title(perApp.length, which);
  return withCaveats({
    topic,
    subject,
    summary: `${title}.`,
    findings: [
      {
        cause: clear.cause,
        severity: 'ok',
        title,
        explanation: 'Ask about one app for its details, for example "how is <app> doing?".',
        evidence: perApp.slice(0, 12).map((d) => ({ label: d.subject.displayName, value: d.findings[0]?.title ?? d.summary })),
        fix: [],
        remedies: [],
      },
    ],
  }, [...othersCaveat(attention, problems), ...unreadableCaveat(unreadable)]);
}

/** A narrowed overview still says that other apps need attention, without listing why. */
function othersCaveat(attention: readonly Finding[], shown: readonly Finding[]): string[] {
  const listed = new Set(shown.map((f) => f.app?.displayName));
  const others = [...new Set(attention.map((f) => f.app?.displayName))].filter((a): a is string => !!a && !listed.has(a));
  if (!others.length) return [];
  return [`${others.length} other app${others.length === 1 ? ' needs' : 's need'} attention for another reason (${others.join(', ')}): ask “how are my apps doing?” for them.`];
}
