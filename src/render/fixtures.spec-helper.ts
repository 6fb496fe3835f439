// Realistic diagnoses and small card-walking helpers for the render specs.
import type { Diagnosis, Finding } from '../domain/types';

export const SERVICENOW = {
  spId: '6a3b1d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  appId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  displayName: 'ServiceNow',
  jobId: 'ServiceNowOutDelta.3c5e9a0f1b2d4e6f.1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
};

export function quarantineFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    cause: 'quarantine-credentials',
    severity: 'error',
    title: 'ServiceNow provisioning is in quarantine: the admin credentials are rejected',
    explanation:
      'The provisioning service could not sign in to ServiceNow, so it stopped sending changes and now retries only once a day.',
    evidence: [
      { label: 'Job status', value: 'Quarantine' },
      { label: 'Quarantine reason', value: 'EncounteredQuarantineException' },
      { label: 'Since', value: '2024-05-02 08:14 UTC' },
      { label: 'Error code', value: 'HybridSynchronizationActiveDirectoryInvalidCredentials' },
    ],
    fix: [
      'In ServiceNow, check that the integration user is active and its password has not expired.',
      'Update the Admin Credentials in the app’s Provisioning page and select Test Connection.',
      'Restart provisioning to leave quarantine.',
    ],
    remedies: [
      {
        verb: 'testConnection',
        title: 'Test connection',
        data: { spId: SERVICENOW.spId, jobId: SERVICENOW.jobId, seenState: 'Quarantine' },
      },
      {
        verb: 'restartProvisioning',
        title: 'Restart provisioning',
        data: { spId: SERVICENOW.spId, jobId: SERVICENOW.jobId, seenState: 'Quarantine' },
      },
    ],
    app: SERVICENOW,
    ...overrides,
  };
}

export function quarantineDiagnosis(overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    topic: 'quarantine',
    subject: { kind: 'app', id: SERVICENOW.spId, displayName: 'ServiceNow' },
    summary: 'ServiceNow provisioning is in quarantine because its credentials are rejected.',
    findings: [quarantineFinding()],
    ...overrides,
  };
}

/** The user of the skipped-user samples. */
export const JANE_ID = '11111111-2222-4333-8444-555555555555';

export function skippedDiagnosis(): Diagnosis {
  return {
    topic: 'skipped',
    subject: { kind: 'user', id: JANE_ID, displayName: 'Jane Doe' },
    summary: 'Jane Doe was skipped in ServiceNow by a scoping filter.',
    findings: [
      {
        cause: 'scoping-filter',
        severity: 'warning',
        title: 'Jane Doe was skipped by a scoping filter in ServiceNow',
        explanation: 'The app only provisions users whose department is Sales; Jane’s department is Marketing.',
        evidence: [
          { label: 'Scoping filter', value: 'department EQUALS "Sales"' },
          { label: 'Jane’s department', value: 'Marketing' },
        ],
        fix: ['Change Jane’s department, or widen the scoping filter.', 'Provision Jane on demand to check.'],
        remedies: [
          {
            verb: 'provisionOnDemand',
            title: 'Provision Jane on demand',
            data: { spId: SERVICENOW.spId, jobId: SERVICENOW.jobId, userId: JANE_ID },
          },
        ],
        app: SERVICENOW,
      },
    ],
  };
}

type Node = Record<string, unknown>;

/** Every object in a card, depth first. */
export function nodes(card: unknown): Node[] {
  const found: Node[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      found.push(value as Node);
      Object.entries(value).forEach(([key, child]) => key !== 'data' && visit(child));
    }
  };
  visit(card);
  return found;
}

export const ofType = (card: unknown, type: string): Node[] => nodes(card).filter((n) => n.type === type);

/** Text as a person reads it: without the zero-width break points that let long values wrap. */
const seen = (text: unknown) => String(text).replace(/\u200B/g, '');

/** The text a user reads, in order: TextBlocks, TextRuns (joined per RichTextBlock), and facts. */
export function visibleTexts(card: unknown): string[] {
  return nodes(card).flatMap((n) => {
    if (n.type === 'TextBlock') return [seen(n.text)];
    if (n.type === 'RichTextBlock') return [(n.inlines as Node[]).map((r) => seen(r.text)).join('')];
    return [];
  });
}

/** A fact row: a RichTextBlock of a bold "Label: " run and the value (a label-less row is a "+N more" note). */
function factRow(n: Node): { title: string; value: string } | undefined {
  const inlines = n.inlines as Node[] | undefined;
  if (n.type !== 'RichTextBlock' || inlines?.length !== 2) return undefined;
  const [label, value] = inlines.map((r) => seen(r.text));
  if (label === '') return { title: '', value };
  return inlines[0].weight === 'Bolder' && label.endsWith(': ') ? { title: label.slice(0, -2), value } : undefined;
}

/** The facts a card shows, as label and value. */
export const facts = (card: unknown): Array<{ title: string; value: string }> =>
  nodes(card).flatMap((n) => {
    if (n.type === 'FactSet') return n.facts as Array<{ title: string; value: string }>;
    const row = factRow(n);
    return row ? [row] : [];
  });

export const buttons = (card: unknown): Node[] => nodes(card).filter((n) => String(n.type).startsWith('Action.'));

// The elements and actions of Adaptive Cards 1.5 that these cards may use.
const ALLOWED_1_5 = new Set([
  'AdaptiveCard',
  'TextBlock',
  'RichTextBlock',
  'TextRun',
  'FactSet',
  'Container',
  'ColumnSet',
  'Column',
  'ActionSet',
  'Table',
  'TableRow',
  'TableCell',
  'Action.Execute',
  'Action.OpenUrl',
  'Action.Submit',
  'Action.ToggleVisibility',
]);

/** Teams' elements beyond 1.5 that these cards use, always with a fallback. */
const TEAMS_EXTENSIONS = new Set(['Badge', 'ProgressBar', 'Icon', 'Chart.Donut']);

/** Problems that would make Teams reject or misdraw a card; [] when none. */
export function cardProblems(card: Node): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard' || card.version !== '1.5') problems.push('not an Adaptive Card 1.5');
  for (const n of nodes(card)) {
    const extension = TEAMS_EXTENSIONS.has(String(n.type));
    if (extension && !n.fallback) problems.push(`${String(n.type)} without a fallback`);
    if (n.type !== undefined && !extension && !ALLOWED_1_5.has(String(n.type))) problems.push(`unexpected type ${String(n.type)}`);
    if (n.type === 'TextBlock' && n.wrap !== true) problems.push(`TextBlock without wrap: ${String(n.text)}`);
    if (n.type === 'Action.Execute' && (typeof n.verb !== 'string' || n.verb === '' || typeof n.data !== 'object'))
      problems.push(`Action.Execute without verb or data: ${String(n.title)}`);
    for (const [key, value] of Object.entries(n)) {
      if (key.startsWith('$') && key !== '$schema') problems.push(`unexpanded template key ${key}`);
      if (typeof value === 'string' && value.includes('${')) problems.push(`unbound expression in ${key}: ${value}`);
    }
  }
  return problems;
}

/** The card's badge (Teams' Badge, with its fallback for other hosts): its word and style. */
export function badge(card: unknown): { label: string; style: string; fallbackStyle: string } | undefined {
  const b = ofType(card, 'Badge')[0];
  if (!b) return undefined;
  return { label: String(b.text), style: String(b.style), fallbackStyle: String((b.fallback as Node | undefined)?.style) };
}
