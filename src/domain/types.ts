// The bot's vocabulary (AGENTS.md): topics, intents, subjects, evidence, findings and remedies.
// Plain data only: understand, diagnose and render work on these without any I/O.
import type { AppRoleAssignment, GraphGroup, GraphUser, ProvisioningObjectSummary, ServicePrincipal, SynchronizationJob, SynchronizationSchema } from '../graph/types';

export const TOPICS = [
  'quarantine', 'status', 'credentials', 'not-started', 'skipped', 'audit', 'alerts', 'help',
  // The next questions (design vocabulary): skips/failures over a time window, what was done to an app, attribute
  // mappings and scoping, removals, when someone gets access.
  'list', 'history', 'mapping', 'deprovisioning', 'access',
] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * What a history question wants first: everything, the last run, the last successful run, when the next cycle
 * comes, restarts, pauses, or credential changes.
 */
export const HISTORY_FOCUSES = ['all', 'runs', 'last-success', 'next-run', 'restarts', 'pauses', 'credentials'] as const;
export type HistoryFocus = (typeof HISTORY_FOCUSES)[number];

/** What an admin asked: the topic, and the names of the subjects as typed (not yet resolved). */
export interface Intent {
  topic: Topic;
  /** A user or group name ("jane", "Tomás García", "marketing group"); set for `skipped` questions. */
  principal?: string;
  /** An application name ("ServiceNow"). */
  app?: string;
  /** For `audit`: the kind of action asked about ("who restarted Tableau?" → restartProvisioning). */
  auditVerb?: RemedyVerb;
  /** For `history`: what the admin wants first ("when did Slack last run?" → runs; "who restarted" → restarts). */
  historyFocus?: HistoryFocus;
  /**
   * For `mapping`: which part of the schema is asked about, the target attribute as typed ("job title"), and
   * `object: 'group'` when the question is about the group mapping ("the matching attribute for groups"), and the
   * value a person shows up with when the attribute is not named ("why does farah show up as support agent").
   */
  mapping?: { kind: 'attribute' | 'matching' | 'scoping'; attribute?: string; object?: 'group'; value?: string };
  /** For `alerts`: what to do with the alert subscription (the app, if one is named, is in `app`). */
  alerts?: {
    action: AlertAction;
    /** For `mute`: how long; 24 unless the admin says otherwise. For the `stalled` detector: its limit. */
    hours?: number;
    /** For `digest`: "daily at 9:00", "weekly on monday", "off", "now" (send the current one again). */
    digest?: { every: 'daily' | 'weekly' | 'off' | 'now'; at?: string; weekday?: number };
    /** For `on` with an app: the only detectors wanted about it ("alerts for Slack only failures"). */
    only?: AlertDetector[];
    /** For `on`/`off`: one detector switched for the whole conversation ("no slow cycle alerts"). */
    detector?: AlertDetector;
  };
  /**
   * The time a question is about ("today", "in the last 24 hours", "since Monday"): from `since` (ISO 8601,
   * UTC), for `hours` when both are set ("yesterday"); only `hours` counts back from now ("last 3 days").
   */
  window?: TimeWindow;
  /** For `list`: which entries are listed (default: failures and skips). */
  listOf?: ListKind;
  /** True when the text did not clearly name a topic and `topic` is a best guess (help when nothing fits). */
  guessed?: boolean;
  /** A typed command ("pause zoom"): the remedy it asks for. It still ends at the remedy's confirmation card. */
  command?: { verb: RemedyVerb; restartOption?: 'Full' | 'ForceDeletes' };
  /** A follow-up that leans on the conversation's context ("and in Atlassian?", "why?", "fix it"). */
  followUp?: FollowUp;
  /** Nothing in the text is about provisioning or names anything in the tenant ("tell me a joke"). */
  offTopic?: boolean;
  /** Something the bot never does, said in one sentence: show a secret, delete an app, edit groups or passwords. */
  refusal?: 'secret' | 'app-deletion' | 'directory-change';
  /** Only thanks or an "ok" ("thanks!", "ok cool", "got it"): acknowledged in a sentence, nothing read. */
  acknowledged?: true;
  /** The message is an app's name and nothing else ("Slack?"): after another answer, that question about this app. */
  onlyApp?: true;
  /** Names no app but points back at one ("who failed there this week?", "is it in quarantine?"). */
  refersBack?: boolean;
  /** The whole message is a name and nothing else ("okafor", "sam carter"): an answer to "which one?". */
  bareName?: string;
  /** Several apps named in one app question ("are dropbox and tableau in quarantine?"): all of them, `app` first. */
  apps?: string[];
  /** "which apps are paused?": the overview keeps only the apps whose provisioning is in this state. */
  appPhase?: AppPhase;
  /** "ZendeskMandatoryFieldsMissing what does it mean": a provisioning error code asked about by itself. */
  errorCode?: string;
  /** "who is assigned to Zendesk?", "how many users are in scope?": who the app's provisioning takes in. */
  population?: true;
  /** "what apps is ravi assigned to?": every app the person is assigned to, not one app's problem. */
  appsOfPerson?: true;
  /** "what does quarantine mean?", "what's a scoping filter?": a term of app provisioning, explained. */
  concept?: Concept;
}

/** The terms of app provisioning an admin asks the meaning of. */
export const CONCEPTS = [
  'quarantine',
  'scoping-filter',
  'provision-on-demand',
  'initial-cycle',
  'matching-attribute',
  'accidental-deletions',
  'sync-scope',
  'test-connection',
  'escrow',
  'not-effectively-entitled',
] as const;
export type Concept = (typeof CONCEPTS)[number];

/** The states of an app's provisioning an overview can be narrowed to ("which apps are paused / disabled / never ran?"). */
export const APP_PHASES = ['paused', 'disabled', 'never-run'] as const;
export type AppPhase = (typeof APP_PHASES)[number];

export interface TimeWindow {
  since?: string;
  hours?: number;
  /** As the admin said it, for cards: "today", "the last 24 hours", "since Monday". */
  label: string;
}

/**
 * Follow-ups: `other-name` asks the last question about another name (in `app` or `principal`, or `name`
 * when it is not known which), `again` asks it again (why, more details, try again), `fix` wants the last
 * finding's fix (shown for confirmation, never run), `other-choice` takes the other option of the last choice.
 */
/** `removal`: the fix asked for is a person's removal ("disable her now"): only a fix that provisions that person qualifies. */
export type FollowUp = { kind: 'other-name'; name?: string } | { kind: 'again' } | { kind: 'fix'; removal?: true } | { kind: 'other-choice' };

/** What a list shows: skips, failures, both, the accounts created, or those disabled or deleted (removed). */
export type ListKind = 'skipped' | 'failure' | 'problems' | 'created' | 'removed';

/** Alert subscription requests: "alerts on [app]", "alerts off [app]", "alerts" (list), "mute <app> for 24 hours". */
export type AlertAction = 'on' | 'off' | 'list' | 'mute' | 'digest';

/** What the alert poller detects; each can be switched per conversation. */
export const ALERT_DETECTORS = ['quarantine', 'deletions', 'failing', 'escrow-rising', 'stalled', 'slow-cycle', 'paused', 'disabled'] as const;
export type AlertDetector = (typeof ALERT_DETECTORS)[number];

export const REMEDY_VERBS = [
  'restartProvisioning',
  'clearQuarantine',
  'startProvisioning',
  'testConnection',
  'reassignUser',
  'provisionOnDemand',
  'pauseProvisioning',
  'retryFailed',
] as const;
export type RemedyVerb = (typeof REMEDY_VERBS)[number];

/** An app with provisioning: a service principal and one of its synchronization jobs. */
export interface AppRef {
  spId: string;
  appId: string;
  displayName: string;
  jobId: string;
}

export interface PrincipalRef {
  kind: 'user' | 'group';
  id: string;
  displayName: string;
}

export type Subject = PrincipalRef | { kind: 'app'; id: string; displayName: string };

/** Ids a remedy button carries, and the state the card was built on (so a stale click can be detected). */
export interface RemedyData {
  spId: string;
  jobId: string;
  userId?: string;
  groupId?: string;
  /** The job status code (or assignment id) the diagnosis saw. */
  seenState?: string;
}

export interface Remedy {
  verb: RemedyVerb;
  title: string;
  data: RemedyData;
}

export type Severity = 'error' | 'warning' | 'ok' | 'info';

/** Machine-readable cause of a finding; cards, tests and alerts key on it. */
export type Cause =
  // skipped
  | 'scoping-filter'
  | 'not-assigned'
  | 'not-effectively-entitled'
  | 'role-not-provisioned'
  | 'required-attribute-empty'
  | 'matching-attribute-empty'
  | 'export-failed'
  | 'provisioned'
  | 'redundant-export'
  | 'not-yet-processed'
  | 'initial-cycle-running'
  | 'app-not-running'
  | 'disabled-in-source'
  | 'skipped-other'
  // quarantine
  | 'quarantine-credentials'
  | 'quarantine-escrow'
  | 'quarantine-deletes'
  | 'quarantine-other'
  | 'not-quarantined'
  // status / not-started
  | 'healthy'
  | 'last-cycle-failed'
  | 'entry-level-errors'
  | 'initial-cycle'
  | 'paused'
  | 'never-run'
  | 'not-configured'
  | 'disabled'
  | 'running'
  // credentials
  | 'credentials-ok'
  | 'credentials-failed'
  | 'credentials-unchecked'
  // deprovisioning (why someone was not removed, what an unassignment will do)
  | 'deprovisioned'
  | 'deprovision-pending'
  | 'deprovision-threshold'
  | 'deprovision-skipped-out-of-scope'
  | 'deprovision-no-disable-mapping'
  | 'deprovision-failed'
  | 'deprovision-nothing-to-remove'
  | 'still-entitled'
  // access (when someone will get access)
  | 'access-has'
  | 'access-next-cycle'
  | 'access-initial-cycle'
  | 'access-blocked'
  // known limits of the provisioning service, said where the evidence shows one
  | 'limit-nested-group'
  | 'limit-back-in-scope'
  | 'limit-manager-reference'
  | 'limit-scoping-attribute'
  // an error code asked about by itself
  | 'error-code'
  // a term of app provisioning asked about by itself
  | 'concept'
  // who an app's provisioning takes in (assignments, scope, the job's count)
  | 'population';

export interface Fact {
  label: string;
  value: string;
}

/** One diagnosed cause, with the evidence that shows it and the remedies that fix it. */
export interface Finding {
  cause: Cause;
  severity: Severity;
  /** The verdict in one short sentence: "Jane Doe was skipped by a scoping filter in Salesforce". */
  title: string;
  /** Plain words: what it means. */
  explanation: string;
  /** Facts read from the data (never invented). */
  evidence: Fact[];
  /** Steps an admin takes, in order. */
  fix: string[];
  remedies: Remedy[];
  app?: AppRef;
}

export interface Diagnosis {
  topic: Topic;
  subject: Subject;
  /** One line summing up all findings (also the text fallback for clients without cards). */
  summary: string;
  findings: Finding[];
  /** What the answer could not see, said on the card in one line each ("the provisioning logs could not be read
   *  because …", "2 apps could not be read …"): never a finding, never left out. */
  caveats?: string[];
  /** An overview's count of the apps it checked (read), so the apps without a problem can be counted too. */
  appsChecked?: number;
}

/** An app with provisioning and what was read about it. */
export interface AppEvidence {
  app: AppRef;
  servicePrincipal: ServicePrincipal;
  job: SynchronizationJob;
  schema?: SynchronizationSchema;
}

/** Result of `validateCredentials` (test connection). */
export type CredentialCheck =
  | { ok: true }
  | { ok: false; status: number; code: string; message: string };

/** Evidence for the app topics: quarantine, status, credentials, not-started. */
export interface AppTopicEvidence {
  now: string;
  app: AppEvidence;
  /** Recent failed or skipped log entries of this job, newest first (status topic). */
  recentProblems?: ProvisioningObjectSummary[];
  /** Test-connection outcome (credentials topic). */
  credentialCheck?: CredentialCheck;
  /** Why the provisioning logs could not be read (no P1/P2 licence, no permission); the job still answers. */
  logsUnavailable?: string;
}

/** Evidence for `skipped`: a user or group, its log entries and assignments, and the apps concerned. */
export interface PrincipalTopicEvidence {
  now: string;
  principal: PrincipalRef;
  /** The directory object with the attributes that scoping filters and mappings read. */
  directoryObject: GraphUser | GraphGroup;
  /** This principal's recent provisioning log entries, newest first (already filtered server-side). */
  logs: ProvisioningObjectSummary[];
  /** App role assignments of the principal (direct, and through groups it is a direct member of). */
  assignments: AppRoleAssignment[];
  /** Apps concerned: the named one, or those seen in logs and assignments. */
  apps: AppEvidence[];
  /** Set when the question named an app. */
  focusAppSpId?: string;
  /** Why the provisioning logs could not be read (no P1/P2 licence, no permission); the rest still answers. */
  logsUnavailable?: string;
  /** Assigned groups the user is in only through a nested group (read when the user has no assignment). */
  nestedGroupAssignments?: NestedGroupAssignment[];
}

/** What holds back deprovisioning in one app, from its synchronization secrets (the admin center's settings). */
export interface DeletionSettings {
  /** "SyncAll": every user and group is in scope, assigned or not. */
  syncAll?: boolean;
  /** "SkipOutOfScopeDeletions": accounts that leave scope are not disabled or deleted in the target. */
  skipOutOfScopeDeletions?: boolean;
  /** "SyncNotificationSettings" → DeleteThresholdEnabled / DeleteThresholdValue (accidental-deletions prevention). */
  deleteThreshold?: { enabled: boolean; value?: number };
}

/** A group the user belongs to only through another group: assignments to it don't reach the user. */
export interface NestedGroupAssignment {
  groupId: string;
  groupName: string;
  spId: string;
}

/** Evidence for `deprovisioning` and `access`: the person's evidence plus each app's deletion settings. */
export interface DeprovisionEvidence extends PrincipalTopicEvidence {
  /** spId → the app's settings; absent when they could not be read (said as a caveat, never guessed). */
  deletionSettings: Record<string, DeletionSettings>;
}
