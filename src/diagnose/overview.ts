// One answer for an app question that named no app ("is anything in quarantine?"): the problems of every
// app with provisioning, or a short all-clear that lists what was checked.
import type { Diagnosis, Finding, Topic } from '../domain/types';

/** An app whose provisioning could not be read, and why in words ("missing permission Synchronization.Read.All"). */
export interface UnreadableAppNote {
  displayName: string;
  why: string;
}

/** Never leave an app out of a count because it could not be read: say how many, which, and why. */
function unreadableFinding(unreadable: readonly UnreadableAppNote[]): Finding[] {
  if (!unreadable.length) return [];
  const reasons = [...new Set(unreadable.map((u) => u.why))];
  const n = unreadable.length;
  return [
    {
      cause: 'apps-unreadable',
      severity: 'warning',
      title: `${n} app${n === 1 ? '' : 's'} could not be read (${reasons.join('; ')})`,
      explanation: `I could not read the provisioning of ${n === 1 ? 'this app' : 'these apps'}, so ${n === 1 ? 'it is' : 'they are'} not counted above. ${n === 1 ? 'It' : 'They'} may have provisioning problems of ${n === 1 ? 'its' : 'their'} own.`,
      evidence: unreadable.slice(0, 8).map((u) => ({ label: u.displayName, value: u.why })),
      fix: ['Fix what the reason names (grant the permission or role), then ask again.'],
      remedies: [],
    },
  ];
}

const ALL_CLEAR: Record<string, { cause: Finding['cause']; title: (n: number) => string }> = {
  quarantine: { cause: 'not-quarantined', title: (n) => `None of the ${n} apps with provisioning is in quarantine` },
  'not-started': { cause: 'running', title: (n) => `All ${n} apps with provisioning are running` },
  status: { cause: 'healthy', title: (n) => `All ${n} apps with provisioning look healthy` },
};

export function diagnoseOverview(topic: Topic, perApp: Diagnosis[], unreadable: readonly UnreadableAppNote[] = []): Diagnosis {
  const subject = { kind: 'app' as const, id: '*', displayName: 'All apps with provisioning' };
  const problems = perApp.flatMap((d) => d.findings).filter((f) => f.severity === 'error' || f.severity === 'warning');
  const notRead = unreadableFinding(unreadable);
  const notReadNote = notRead.length ? ` ${notRead[0].title}.` : '';
  if (problems.length) {
    const apps = new Set(problems.map((f) => f.app?.displayName));
    return {
      topic,
      subject,
      summary: `${apps.size} of ${perApp.length} apps with provisioning need attention: ${[...apps].join(', ')}.${notReadNote}`,
      findings: [...problems, ...notRead],
    };
  }
  const clear = ALL_CLEAR[topic] ?? ALL_CLEAR.status;
  const title = clear.title(perApp.length);
  return {
    topic,
    subject,
    summary: `${title}.${notReadNote}`,
    findings: [
      ...notRead,
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
  };
}
