// The help card's example buttons on a known tenant: one per form of question ("How to ask" in the README:
// names either way round, an app, every app, a command, a follow-up),
// built from that tenant's own apps and people so every one of them works when clicked.

export interface TenantSketch {
  /** Apps with provisioning and their job status codes. */
  apps: Array<{ name: string; status?: string }>;
  /** Given names of users, as in the directory. */
  people: string[];
}

export function howToAskExamples(t: TenantSketch): string[] | undefined {
  const app = (status: string) => t.apps.find((a) => a.status === status)?.name;
  const active = app('Active') ?? t.apps[0]?.name;
  const troubled = app('Quarantine') ?? active;
  // A follow-up button: after "Is <troubled> in quarantine?" it asks the same of another app (on its own, its status).
  const other = t.apps.find((a) => a.name !== active && a.name !== troubled)?.name ?? active;
  const person = t.people.find((p, i) => p && t.people.findIndex((q) => q.toLowerCase() === p.toLowerCase()) === i && t.people.filter((q) => q.toLowerCase() === p.toLowerCase()).length === 1);
  if (!active || !troubled) return undefined;
  return [
    ...(person ? [`${active} skipped ${person.toLowerCase()}?`] : []),
    `Is ${troubled} in quarantine?`,
    'How is provisioning doing overall?',
    `Test the connection to ${troubled}`,
    `pause ${active.toLowerCase()}`,
    `and in ${other}?`,
  ];
}
