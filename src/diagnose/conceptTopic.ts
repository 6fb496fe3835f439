// "what does quarantine mean?", "what's a scoping filter?": a term of app provisioning explained in plain words,
// after Microsoft's provisioning guides, with where the tenant stands on it now when the app inventory says
// (which apps are in quarantine, in their first cycle, held back by the deletion threshold). Pure.
import type { AppEvidence, Concept, Diagnosis, Fact, Topic } from '../domain/types';
import { RETRY_CADENCE } from './appTopics';
import { isQuarantined, jobPhase } from './jobState';

interface Term {
  name: string;
  topic: Topic;
  title: string;
  explanation: string;
  /** What to ask next, or where to look. */
  next: string[];
  /** The Microsoft Learn article the words follow. */
  source: string;
  /** The apps this term applies to now, by their job. */
  appliesNow?: (app: AppEvidence) => boolean;
  nowLabel?: string;
}

const TERMS: Record<Concept, Term> = {
  quarantine: {
    name: 'Quarantine',
    topic: 'quarantine',
    title: 'Quarantine: the provisioning service backs off from an app that keeps failing',
    explanation:
      'When most calls to the app fail (wrong credentials, an endpoint that answers errors), when too many users fail, or when a cycle would delete more accounts than the accidental-deletions threshold allows, the service puts the app’s provisioning job in quarantine. ' +
      `${RETRY_CADENCE} The way out is to fix the cause (test the connection, renew the token, fix what the failing users lack) and restart provisioning, which clears the quarantine.`,
    next: ['Ask “is <app> in quarantine?” for one app: why, since when, the next attempt and the fix.'],
    source: 'Microsoft Learn: Application provisioning in quarantine status',
    appliesNow: (a) => isQuarantined(a.job),
    nowLabel: 'In quarantine now',
  },
  'scoping-filter': {
    name: 'Scoping filters',
    topic: 'mapping',
    title: 'A scoping filter decides which users and groups an app’s provisioning takes in',
    explanation:
      'Each clause compares an attribute from Entra with a value (department EQUALS Sales, say). All clauses of one filter must hold; a user who meets any one of several filters is in scope. A user out of scope is skipped, and a user who leaves scope is disabled or deleted in the app, unless out-of-scope deletions are skipped.',
    next: ['Ask “what’s the scoping filter for <app>?” for an app’s clauses, or “why was <name> skipped in <app>?” for the clause a person fails.'],
    source: 'Microsoft Learn: Scoping users or groups to be provisioned with scoping filters',
  },
  'provision-on-demand': {
    name: 'Provision on demand',
    topic: 'skipped',
    title: 'Provision on demand runs one user through an app’s provisioning now, in seconds',
    explanation:
      'Instead of waiting for the next cycle, the service takes one user (or up to five members of a group) through every step at once: it tests the connection, reads the user, checks assignment and scoping, looks for a matching account, then creates, updates or disables it, and shows each step’s outcome. It uses the same mappings and scoping filters as the cycles and does not change their schedule.',
    next: ['Ask “provision <name> to <app> now”: I show what it will do and ask you to confirm.', 'It is the quickest way to check a mapping or scoping change on one person.'],
    source: 'Microsoft Learn: On-demand provisioning in Microsoft Entra ID',
  },
  'initial-cycle': {
    name: 'Initial and incremental cycles',
    topic: 'not-started',
    title: 'The first cycle reads everyone in scope; later cycles only what changed',
    explanation:
      'After provisioning is started, the initial cycle reads every user and group in scope, which takes from 20 minutes to several hours depending on how many there are. Then incremental cycles run about every 40 minutes and process only the changes since the last one. Restarting provisioning makes the next cycle an initial one again.',
    next: ['Ask “is <app> still in its first cycle?” or “when is the next sync for <app>?”.'],
    source: 'Microsoft Learn: How application provisioning works in Microsoft Entra ID',
    appliesNow: (a) => jobPhase(a.job) === 'initial-cycle',
    nowLabel: 'In their first cycle now',
  },
  'matching-attribute': {
    name: 'Matching attribute',
    topic: 'mapping',
    title: 'The matching attribute is how provisioning finds an account that already exists in the app',
    explanation:
      'Before creating an account, the service looks in the app for one whose matching attribute equals the value from Entra (userName equal to the user principal name, say). If it finds one, it takes it over and updates it; if not, it creates one. With several matching attributes, they are tried in the order of their matching precedence.',
    next: ['Ask “what’s the matching attribute for <app>?” for an app’s own.'],
    source: 'Microsoft Learn: Tutorial - Customize user provisioning attribute-mappings',
  },
  'accidental-deletions': {
    name: 'Accidental deletions prevention',
    topic: 'deprovisioning',
    title: 'Accidental-deletions prevention holds back a cycle that would remove too many accounts',
    explanation:
      'When a cycle would disable or delete more accounts than the threshold set for the app, the service removes none past it: the job goes into quarantine with the reason TooManyDeletes until an admin reviews the deletions and allows them, or fixes what caused them (a scoping filter or mapping change, say).',
    next: ['Ask “is <app> in quarantine?” for an app held back now: how many deletions and the way to allow or undo them.'],
    source: 'Microsoft Learn: Enable accidental deletions prevention in the Microsoft Entra provisioning service',
    appliesNow: (a) => isQuarantined(a.job) && /toomanydeletes/i.test(String(a.job.status?.quarantine?.reason ?? '')),
    nowLabel: 'Held back by the threshold now',
  },
  'sync-scope': {
    name: 'Provisioning scope',
    topic: 'skipped',
    title: 'An app provisions either only assigned users and groups, or all of them',
    explanation:
      '“Sync only assigned users and groups” (the usual setting) takes only those assigned to the app under Users and groups, directly or through a group they are a direct member of; anyone else is skipped as not effectively entitled. “Sync all users and groups” takes everyone in the directory, narrowed only by scoping filters.',
    next: ['Ask “why was <name> skipped in <app>?” to see whether assignment is what keeps someone out.'],
    source: 'Microsoft Learn: How application provisioning works in Microsoft Entra ID',
  },
  escrow: {
    name: 'Escrow',
    topic: 'quarantine',
    title: 'An escrow is a change the provisioning service could not make and will try again',
    explanation:
      'When the app refuses a change (an error, a timeout), the service keeps it in escrow and retries it in later cycles instead of dropping it. Escrows that pile up are what puts a job in quarantine: once there are thousands, when most of a cycle’s changes fail, the job is quarantined until the cause is fixed.',
    next: ['Ask “what failed in <app> this week?” for the changes that are failing, grouped by cause.'],
    source: 'Microsoft Learn: Application provisioning in quarantine status',
    appliesNow: (a) => isQuarantined(a.job) && /escrow/i.test(String(a.job.status?.quarantine?.reason ?? '')),
    nowLabel: 'In quarantine for failures now',
  },
  'not-effectively-entitled': {
    name: 'Not effectively entitled',
    topic: 'skipped',
    title: '“Not effectively entitled” means the service does not count the user as assigned to the app',
    explanation:
      'The log says so when a user is skipped because no assignment reaches them: they are not assigned directly or through a group they are a direct member of (nested groups do not count), or their assignment is in a bad state. When the user is assigned and in scope yet still “not effectively entitled”, removing the assignment and adding it back with the same app role repairs it.',
    next: ['Ask “why was <name> skipped in <app>?”: I check the assignment, the groups and the scoping filter, and offer to re-assign.'],
    source: 'Microsoft Learn: Known issues and resolutions with application provisioning (users skipped)',
  },
  'test-connection': {
    name: 'Test connection',
    topic: 'credentials',
    title: 'Test connection checks that provisioning can reach the app with its saved credentials',
    explanation:
      'The service calls the app’s endpoint with the admin credentials saved for provisioning (usually a tenant URL and a secret token) and changes nothing. A failure means the URL is wrong, the token has expired or was revoked, or the app refuses the call; cycles fail the same way until it is fixed.',
    next: ['Ask “test the connection to <app>”: I run it and show the app’s answer.'],
    source: 'Microsoft Learn: Troubleshoot app provisioning (credentials)',
  },
};

/**
 * `apps`: the apps with provisioning, when they could be read (undefined: where the tenant stands is unknown);
 * `unreadable`: how many more have provisioning but could not be read, so are neither named nor counted out.
 */
export function diagnoseConcept(concept: Concept, apps?: readonly AppEvidence[], unreadable = 0): Diagnosis {
  const term = TERMS[concept];
  const evidence: Fact[] = [];
  if (term.appliesNow && term.nowLabel && apps) {
    const now = apps.filter(term.appliesNow).map((a) => a.app.displayName);
    const unread = unreadable ? ` (${unreadable} more could not be read)` : '';
    evidence.push({ label: term.nowLabel, value: now.length ? `${now.join(', ')}${unread}` : `none of the ${apps.length} apps with provisioning I read${unread}` });
  }
  evidence.push({ label: 'Source', value: term.source });
  return {
    topic: term.topic,
    subject: { kind: 'app', id: '*', displayName: term.name },
    summary: term.title,
    findings: [{ cause: 'concept', severity: 'info', title: term.title, explanation: term.explanation, evidence, fix: term.next, remedies: [] }],
    ...(term.appliesNow && !apps ? { caveats: ['I could not read your apps’ provisioning just now, so which of them this applies to is not shown.'] } : {}),
  };
}
