// One answer for an app question that named no app ("is anything in quarantine?"): the problems of every
// app with provisioning, or a short all-clear that lists what was checked.
import type { Diagnosis, Finding, Topic } from '../domain/types';

const ALL_CLEAR: Record<string, { cause: Finding['cause']; title: (n: number) => string }> = {
  quarantine: { cause: 'not-quarantined', title: (n) => `None of the ${n} apps with provisioning is in quarantine` },
  'not-started': { cause: 'running', title: (n) => `All ${n} apps with provisioning are running` },
  status: { cause: 'healthy', title: (n) => `All ${n} apps with provisioning look healthy` },
};

export function diagnoseOverview(topic: Topic, perApp: Diagnosis[]): Diagnosis {
  const subject = { kind: 'app' as const, id: '*', displayName: 'All apps with provisioning' };
  const problems = perApp.flatMap((d) => d.findings).filter((f) => f.severity === 'error' || f.severity === 'warning');
  if (problems.length) {
    const apps = new Set(problems.map((f) => f.app?.displayName));
    return {
      topic,
      subject,
      summary: `${apps.size} of ${perApp.length} apps with provisioning need attention: ${[...apps].join(', ')}.`,
      findings: problems,
    };
  }
  const clear = ALL_CLEAR[topic] ?? ALL_CLEAR.status;
  const title = clear.title(perApp.length);
  return {
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
  };
}
