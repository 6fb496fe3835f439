// The words `understand` knows. Words are written folded and without apostrophes ("wasnt" stands for both
// "wasn't" and "wasnt"), because that is how tokens are compared. No tenant names here: subjects are found by
// their position in the sentence, never by a list.
import type { AlertAction, RemedyVerb, Topic } from '../domain/types';

/**
 * A cue is a short phrase that signals a topic: slots in order, each a `|`-separated set of words, `~neg` for
 * any negation. Between two slots at most `gap` other words may appear (default 2); with `namesBetween`, those
 * words must not be keywords ("why isn't [Jane Doe] in Slack", but not "Box hasn't [run] in days").
 */
export interface Cue {
  slots: string[][];
  gap: number;
  namesBetween: boolean;
}

function cues(...phrases: Array<string | [string, number, 'names'?]>): Cue[] {
  return phrases.map((p) => {
    const [phrase, gap, names] = typeof p === 'string' ? [p, 2, undefined] : p;
    return { slots: phrase.split(' ').map((slot) => slot.split('|')), gap, namesBetween: names === 'names' };
  });
}

export const NEGATION = '~neg';

/** Remediation actions in the past tense: "who [restarted] Tableau?" asks the audit trail. */
const ACTIONS_DONE =
  'restarted|cleared|released|unquarantined|started|kicked|triggered|ran|tested|reassigned|re-assigned';
/** Changes of any kind in the past tense: "who [changed] the Slack credentials?" asks an app's history. */
const CHANGED = 'changed|modified|updated|edited|touched|paused|stopped|disabled|enabled|deleted|removed|turned|switched|broke|messed';
/** The same actions after "did anyone" / "has anyone" (either tense). */
const ACTIONS_ANY = `${ACTIONS_DONE}|restart|clear|release|start|kick|trigger|run|test|reassign|re-assign`;

/** User attributes admins name when a value is wrong in an app: "jane's [title] is wrong in Slack". */
const ATTRIBUTE_WORDS =
  'title|jobtitle|department|dept|email|emails|mail|manager|displayname|username|upn|phone|mobile|office|location|employeeid|nickname|mailnickname|surname|lastname|firstname|givenname|company|costcenter|division|address';

/** Words that open the incident an alert is asked for: "tell us [when] Salesforce breaks". */
const CONDITIONS = 'when|whenever|if';
/**
 * An incident, in the present tense of something yet to happen: "let me know if Zoom [fails]" asks for an
 * alert, while "tell me if jane was provisioned" and "tell me if Slack is failing" ask about now. No "fail":
 * as a typo of "fails" it is a status cue ("why did jane fail in Slack"), and it still matches here as one.
 */
const INCIDENTS = 'break|breaks|fails|goes|gets|enters|stops|crashes';

/**
 * Topics in the order they win when several are cued: alert subscriptions first, as their cues are narrow
 * and name incidents of other topics ("notify us if Zoom goes into quarantine"); then the audit trail, whose
 * cues name actions of other topics ("who cleared the quarantine on ServiceNow"); then the narrow, actionable
 * topics ("quarantine status of Workday" is about quarantine; "are the Zoom credentials ok" about
 * credentials), help last.
 */
export const TOPIC_CUES: ReadonlyArray<readonly [Topic, Cue[]]> = [
  [
    'alerts',
    cues(
      'alert|alerts|alerting|alerted|notify|notified|notification|notifications',
      'subscribe|subscribed|subscription|subscriptions|unsubscribe|unsubscribed',
      'watch|watching|unwatch|monitor|monitoring|mute|muted|unmute|snooze|snoozed|silence|silenced',
      'digest|digests',
      [`tell|let|warn|inform|message|post|ping|email|page|text ${CONDITIONS} ${INCIDENTS}`, 5],
      ['keep eye', 1],
    ),
  ],
  // The history of an app (issue 12): before the audit trail, whose cues ("who restarted") it leaves alone.
  [
    'history',
    cues(
      ['done|changed on|to|with', 1],
      ['when last run|ran|sync|synced|synchronized|cycle|cycled', 3],
      // "when is the next sync", "when will Slack run next", "the last successful sync for Box"
      ['when|whens next sync|cycle|run|synchronization', 3],
      ['when|whens sync|syncs|run|runs|cycle next', 4],
      // "when does it retry?", "when will it sync again": a quarantined job's next attempt, or the next cycle
      ['when|whens retry|retries|reattempt|reattempts', 3],
      ['when|whens sync|run|try again', 4],
      ['next sync|cycle|run due|expected|scheduled', 1],
      ['last|latest successful|good|clean sync|cycle|run|provisioning', 1],
      ['when run|ran|sync|synced last', 3, 'names'],
      ['who changed|updated|rotated|renewed|modified|edited|replaced|swapped|switched|regenerated|reset credential|credentials|secret|token|password|settings', 4],
      'timeline',
    ),
  ],
  [
    'audit',
    cues(
      'audit|audits|audited|auditing|audit-log|audit-trail|audittrail',
      'actions|remediations|fixes|operations taken|performed|executed|applied',
      ['recent|latest|last|past|previous actions|remediations|operations', 0],
      ['action|actions|remediation|remediations log|logs|trail|record|records', 0],
    ),
  ],
  [
    // What was done to an app and when it last ran: the bot's actions, Entra's audit log, the job's cycles.
    'history',
    cues(
      'history|histories|changelog|timeline',
      // "who" alone is no cue ("who was skipped in Salesforce?"); who + an action done is.
      [`who|whom|whos ${ACTIONS_DONE}|${CHANGED}`, 2],
      [`did|has|have|had anyone|anybody|someone|somebody ${ACTIONS_ANY}|${CHANGED}|change|modify|touch|edit`, 1],
      ['who|anyone|anybody|someone|somebody demand|on-demand|ondemand', 5],
      ['what|whats been|was|were|has|have done|changed|modified', 2],
      ['what changed', 0],
      ['changes|changed made|done|happened', 2],
      ['recent|latest|last|past|previous changes', 0],
      [`last ${ACTIONS_DONE}`, 1],
      ['when did|was|has|have run|ran|sync|synced|synchronize|synchronized|succeed|succeeded|complete|completed|finish|finished', 3],
    ),
  ],
  ['quarantine', cues('quarantine|quarantined|quarantining|quarantines')],
  [
    'credentials',
    cues(
      'credential|credentials|creds|unauthorized|unauthorised|authorization|authorisation|authentication',
      'authenticate|authorize|auth|token|secret|password|forbidden|401|403',
      'connection|connectivity|validate|verify',
      // "test user" is a user: a test is of the connection, the credentials or "it".
      ['test|testing|tests connection|connectivity|credentials|creds|token|secret|again|login', 3],
      ['when|while testing', 0],
      'tenant url',
    ),
  ],
  // Minimal cues for the person topics of issues 12 and 16 (the understand branch owns their full vocabulary).
  [
    'deprovisioning',
    cues(
      'removed|deprovisioned|deprovision|deprovisioning|unassign|unassigned|unassigning|offboarded|offboard',
      ['still active|enabled|there', 1],
    ),
  ],
  ['access', cues(['when|long get|gets|getting|receive|receives access|account', 4], ['when|long provisioned', 4])],
  [
    // Skips and failures over a time: "how many users did Slack create yesterday?" (more are read from
    // skip and status questions that name a window or ask who: see understand.ts).
    'list',
    cues(['how many', 0], ['number|count|total of', 0], ['list|listing skipped|failed|failures|errors|skips|created|provisioned', 3]),
  ],
  [
    // Removals that did or did not happen: "why wasn't tom removed from Slack?", "what happens if I unassign jane?"
    'deprovisioning',
    cues(
      'deprovision|deprovisioned|deprovisioning|deprovisions|de-provision|de-provisioned|de-provisioning',
      'offboard|offboarded|offboarding|unassign|unassigned|unassigning|unassignment|leaver|leavers|terminated',
      'remove|removed|removing|removal|delete|deleted|deleting|deletion|deletions|deactivate|deactivated|soft-deleted',
      ['disable|disabled|departed user|users|account|accounts|employee|employees|people|person', 1],
      ['disable|disabled|deactivated|blocked in|on|from', 0],
      ['still active|enabled|exists|exist|present|listed|licensed', 1],
      ['still has|have access|account|accounts|license|seat', 2],
      ['remain|remains|remained|stays|stayed|stay active|enabled|unchanged|there|licensed', 1],
      // A leaver still there: "why is marco still in zendesk? he left", "is her dropbox account gone?"
      ['account|accounts|access gone|removed|revoked|deleted|disabled', 2],
      ['he|she|they|who|has|have|had left|quit|departed', 0],
      ['left|leaving company|organisation|organization', 2],
      ['disable|delete|deactivate|removal|deletion request|requests|operation|operations|action|actions|threshold', 1],
      ['accidental deletion|deletions|delete|deletes', 0],
    ),
  ],
  [
    // When someone will get access: "when will jane get access to Salesforce?", "how long until tom is in Slack?"
    'access',
    cues(
      'eta',
      ['when|long|soon|until|till will|would|until|till|before|does|do|can|should|is access|account|accounts|provisioned|provision|created|appear|appears|license|seat|onboarded|see|show|shows', 6],
      ['when|soon will|would|does|do|can get|gets|have|receive|see', 4],
    ),
  ],
  [
    'skipped',
    cues(
      'skip|skipped|skipping|skips',
      'provisioned|created|synced|synchronized|synchronised',
      ['~neg sync|synced|syncing|synchronized|synchronised|provision|create|appear|appearing|there|assigned|showing|shown|exported', 5, 'names'],
      ['~neg have|has|get|got|receive|received account|accounts|access|license|seat', 5, 'names'],
      // "ravi still can't access zendesk" (and "can't log into", read as access).
      ['~neg access', 4, 'names'],
      'no account|access|license|seat',
      'showing|show|shows|shown up',
      'missing from|in',
      'excluded|unprovisioned',
      'out of scope',
      ['make|made|makes into|onto', 1],
      ['~neg in|on|inside', 0],
      ['isnt|wasnt|arent|werent|hasnt|havent|didnt|doesnt in|on|into', 4, 'names'],
    ),
  ],
  // Attribute mappings and scoping (issue 12): after skipped ("skipped by the scoping filter" is a skip).
  [
    'mapping',
    cues(
      'mapping|mappings|mapped',
      ['matching attribute|attributes|property|properties', 0],
      ['scoping|scope filter|filters|rule|rules', 0],
      ['title|name|attribute|value|email|mail|department|phone|manager wrong|incorrect|outdated|old|stale|different', 2],
      ['get|gets|receive|receives|send|sends as', 1],
    ),
  ],
  [
    // Attribute mappings and scoping: "what's the matching attribute for Salesforce?", "why is jane's title wrong?"
    'mapping',
    cues(
      'mapping|mappings|mapped|map|maps|expression|expressions|flowbehavior|flow-behavior',
      ['matching|match attribute|attributes|property|properties|precedence|priority|rule|rules', 1],
      ['scoping|scope filter|filters|rule|rules|clause|clauses|condition|conditions', 1],
      ['attribute|attributes value|values|flow|flows|sent|send|sends|populated|updated|wrong|incorrect', 2],
      [`${ATTRIBUTE_WORDS} wrong|incorrect|outdated|stale|blank|empty|different|mismatch|mismatched|null|old|updating|update`, 3],
      ['get|gets|receive|receives|send|sends as', 0],
      ['attribute|attributes|property match|matches|matching|matched', 3],
      [`wrong|incorrect|outdated|stale|old|bad ${ATTRIBUTE_WORDS}`, 1],
      ['source|target attribute|attributes', 0],
      // "which attribute feeds manager", "where does the title come from", "what is mapped to title"
      ['attribute|attributes|property feeds|feed|populates|populate|sets|fills|drives|maps|goes|go|flows|flow', 1],
      [`${ATTRIBUTE_WORDS} come|comes|coming|sourced|populated`, 3],
    ),
  ],
  [
    'not-started',
    cues(
      ['~neg start|started|starting|starts|run|ran|running|runs|begin|began|begun|kicked|kick|triggered', 3],
      'stuck|stalled|hanging|hangs|hung|frozen|idle|paused|pause|suspended|slow|restart|resume|unpause|rerun',
      ['will start|begin|run|kick', 3],
      'forever|ages',
      'so|too|very long',
      'taking|takes|took long|longer',
      'initial|first cycle|sync|run|provisioning',
      'still|been running|processing|going|syncing',
      ['nothing happening|happens|happened|moving|running', 3],
      ['not|isnt doing anything', 1],
      ['running|run|ran|started|start|working at all', 1],
      ['no|without status|progress|details', 2],
    ),
  ],
  [
    'status',
    cues(
      'status|state|health|healthy|doing|going|working|works|worked|looking|overview|summary|report|progress|statistics|stats',
      'happened|happening',
      'log|logs|error|errors|errored|erroring|failing|failed|fails|failure|failures|problem|problems|issue|issues|wrong|broken|breaks|broke|breaking|borked|busted',
      'cycle|cycles|sync|syncing|synchronization|running|run|ok|okay|fine|check|look',
    ),
  ],
  [
    'help',
    cues(
      'help|hi|hello|hey|commands|command|usage|menu|options|thanks|thank|hiya|howdy',
      ['what can|do you do|help', 3],
      'how does this work',
      'who are you',
    ),
  ],
];

const ON_DEMAND = ['demand', 'on-demand', 'ondemand'];
const REASSIGN = ['reassign', 'reassigned', 'reassigning', 're-assign', 're-assigned', 're-assigning'];

/**
 * Which action an audit question is about, from the words naming it; the first entry found wins, so the
 * specific ones come first ("started provisioning on demand" is on demand). `objectAfter`: the action is done
 * to a user or group, named after one of these words ("who re-assigned [jane]").
 */
export const AUDIT_VERBS: ReadonlyArray<{ verb: RemedyVerb; words: string[]; objectAfter?: string[] }> = [
  { verb: 'provisionOnDemand', words: ON_DEMAND, objectAfter: ['provision', 'provisioned', 'provisioning', ...ON_DEMAND] },
  { verb: 'reassignUser', words: REASSIGN, objectAfter: REASSIGN },
  { verb: 'restartProvisioning', words: ['restart', 'restarted', 'restarting', 'restarts'] },
  {
    verb: 'clearQuarantine',
    words: ['clear', 'cleared', 'clearing', 'release', 'released', 'unquarantine', 'unquarantined', 'quarantine', 'quarantined'],
  },
  { verb: 'testConnection', words: ['test', 'tested', 'testing', 'tests'] },
  { verb: 'startProvisioning', words: ['start', 'started', 'starting', 'kick', 'kicked'] },
];

/** Words that turn a phrase negative ("doesn't start", "never ran", "not in Zoom"). */
export const NEGATIONS = new Set([
  'not', 'never', 'no', 'isnt', 'wasnt', 'arent', 'werent', 'didnt', 'doesnt', 'dont', 'hasnt', 'havent',
  'hadnt', 'wont', 'cant', 'cannot', 'couldnt', 'wouldnt', 'shouldnt', 'aint',
]);

/**
 * What an alerts message asks for, from the words before its incident ("stop watching Zoom", but not "let me
 * know if Zoom [stops]"); the first entry found wins, so a listing question beats the words it asks about
 * ("which apps are muted?"). Without any of these words the admin names only the alerts: list them.
 */
export const ALERT_ACTIONS: ReadonlyArray<{ action: AlertAction; words: string[] }> = [
  { action: 'list', words: ['list', 'show', 'which', 'what', 'whats', 'status'] },
  { action: 'mute', words: ['mute', 'muted', 'snooze', 'snoozed', 'silence', 'silenced', 'pause', 'quiet'] },
  {
    action: 'off',
    // Negations too: "no more alerts for Box", "don't alert us about Zoom".
    words: [
      'off', 'stop', 'disable', 'unsubscribe', 'unsubscribed', 'unwatch', 'cancel', 'remove', 'unfollow', 'end',
      ...NEGATIONS,
    ],
  },
  {
    action: 'on',
    words: [
      'on', 'enable', 'start', 'resume', 'add', 'set', 'setup', 'subscribe', 'subscribed', 'follow', 'watch',
      'monitor', 'keep', 'alert', 'notify', 'tell', 'let', 'warn', 'inform', 'message', 'post', 'ping', 'email', 'page', 'text', 'unmute',
      // "can we get notified", "I want alerts for Zoom"
      'notified', 'alerted', 'want', 'wanted', 'need', 'get',
    ],
  },
];

/** First words that make an alerts message a question about them ("are alerts on for Slack?"): list them. */
export const ALERT_QUESTION_OPENERS = new Set([
  'are', 'is', 'am', 'was', 'were', 'do', 'does', 'did', 'have', 'has', 'any', 'who', 'why', 'how', 'where',
]);

/** Words that open the incident an alert is asked for; words after them are not about the subscription. */
export const ALERT_CONDITIONS = new Set(CONDITIONS.split('|'));

/** Hours a mute lasts when the admin names no duration. */
export const DEFAULT_MUTE_HOURS = 24;

/**
 * Keywords matched only as spelled, never as the correction of a typo: each is one edit from a common name
 * ("why was Albert skipped" is no alert).
 */
export const EXACT_KEYWORDS = new Set(['alert', 'longer']);

/** Auxiliaries and adverbs between a subject and its verb: "jane [has still not been] provisioned". */
export const AUXILIARIES = new Set([
  ...NEGATIONS,
  'was', 'is', 'are', 'were', 'be', 'been', 'being', 'got', 'get', 'gets', 'getting', 'gotten', 'has', 'have',
  'had', 'did', 'does', 'do', 'will', 'would', 'should', 'can', 'could', 'may', 'might', 'still', 'yet', 'ever',
  'always', 'keeps', 'keep', 'kept', 'also', 'just', 'again', 'even', 'somehow', 'suddenly', 'correctly',
  'properly', 'actually', 'really',
]);

/** Words that open a clause whose subject follows: "tell me why jane…", "check if jane…", "when jane leaves…". */
export const CLAUSE_OPENERS = new Set(['why', 'whether', 'if', 'that', 'when', 'once']);

/**
 * Words that take a message from a topic whose cues it has: the scoping filter that skipped someone is a
 * skip question ("jane was skipped by the scoping filter"), not one about the mapping.
 */
export const TOPIC_YIELDS: Partial<Record<Topic, string[]>> = {
  mapping: ['skip', 'skipped', 'skipping', 'skips', 'excluded'],
};

/** Words before a subject that are not part of its name. */
export const LEADING_FILLERS = new Set([
  ...AUXILIARIES,
  'why', 'how', 'come', 'who', 'whom', 'which', 'what', 'whats', 'any', 'anyone', 'anybody', 'someone',
  'somebody', 'people', 'person', 'user', 'users', 'group', 'groups', 'member', 'members', 'of', 'the', 'a',
  'an', 'my', 'our', 'this', 'that', 'these', 'those', 'account', 'accounts', 'you', 'please', 'pls', 'plz',
  'tell', 'me', 'us', 'check', 'explain', 'show', 'list', 'find', 'see', 'know', 'hey', 'hi', 'hello', 'bot',
  'ok', 'okay', 'so', 'and', 'but', 'i', 'we', 'want', 'wanted', 'need', 'wonder', 'wondering', 'kindly',
  'guess', 'all', 'colleague', 'colleagues', 'employee', 'employees', 'new', 'hire', 'hires', 'joiners',
  'starters', 'test',
  // Who the person is: "new starter Carla Mendes", "my boss Connor Walsh". (Not "hr", "said", "interns",
  // "contractors": group and given names.)
  'starter', 'joiner', 'boss',
  // What an app is about to do: "miro wants to delete 212 users".
  'wants', 'trying', 'tries', 'tried', 'needs',
  // Verbs before what they act on: "allow the deletions on linkedin learning".
  'allow', 'let', 'approve',
]);

/** Words after a subject that are not part of its name ("the Marketing group" → "Marketing"). */
export const TRAILING_FILLERS = new Set(['group', 'groups', 'team', 'user', 'account', 'accounts', 'please']);

/** Words that introduce an app: "in Slack", "to ServiceNow", "status of Zoom". */
export const PREPOSITIONS = new Set([
  'in', 'into', 'to', 'for', 'on', 'of', 'with', 'from', 'at', 'within', 'inside', 'towards', 'onto', 'via',
]);

/** Articles skipped before an app name ("in the Salesforce Sandbox app"). */
export const ARTICLES = new Set(['the', 'a', 'an', 'my', 'our', 'your', 'this', 'that', 'their']);

/** Words that end an app name ("Box sync", "ServiceNow provisioning", "Zoom app"). */
export const APP_TRAILERS = new Set([
  'provisioning', 'provision', 'app', 'apps', 'application', 'applications', 'sync', 'syncing', 'synchronization',
  'synchronisation', 'connector', 'integration', 'job', 'jobs', 'service', 'instance', 'tenant', 'scim',
  // Shorthand: "dropbox prov is dead again".
  'prov', 'provis',
]);

/** Politeness and sign-offs: never part of a name. */
export const POLITENESS = new Set([
  'please', 'pls', 'plz', 'thanks', 'thank', 'thx', 'ty', 'cheers', 'kindly', 'bot', 'hey', 'hi', 'hello',
  'buddy', 'mate', 'team', 'folks', 'sir',
]);

/**
 * Everyday words: not an app name by themselves, and never read as a typo of a keyword ("taken" is not
 * "token", "passed" is not "paused"). Capitalised inside a name they stay part of it ("Managed User").
 */
export const COMMON_WORDS = new Set([
  ...AUXILIARIES, ...LEADING_FILLERS, ...PREPOSITIONS, ...ARTICLES, ...POLITENESS,
  'it', 'its', 'they', 'them', 'their', 'he', 'she', 'him', 'her', 'his', 'there', 'here', 'where', 'when',
  'whats', 'hows', 'wheres', 'im', 'ive', 'id', 'youre', 'thats', 'theres', 'lets', 'up', 'down', 'out', 'off',
  'over', 'about', 'after', 'before', 'since', 'until', 'by', 'as', 'than', 'then', 'now', 'today',
  'yesterday', 'tonight', 'morning', 'week', 'weeks', 'day', 'days', 'hour', 'hours', 'minute', 'minutes',
  'time', 'times', 'last', 'current', 'currently', 'latest', 'recent', 'recently', 'again', 'anymore', 'ago',
  'some', 'every', 'each', 'more', 'most', 'much', 'many', 'few', 'other', 'another', 'same', 'own', 'only',
  'very', 'too', 'quite', 'pretty', 'say', 'says', 'said', 'saying', 'tells', 'told', 'show', 'shows',
  'showing', 'look', 'looks', 'looking', 'seem', 'seems', 'seemed', 'happen', 'happened', 'happening', 'make',
  'made', 'go', 'goes', 'went', 'gone', 'come', 'came', 'take', 'taken', 'taking', 'took', 'give', 'given',
  'gave', 'passed', 'caused', 'cause', 'causes', 'put', 'set', 'use', 'used', 'using', 'try', 'tried',
  'trying', 'work', 'works', 'worked', 'like', 'just', 'well', 'good', 'bad', 'right', 'yes', 'no', 'or',
  'nor', 'because', 'while', 'also', 'maybe', 'perhaps', 'something', 'anything', 'nothing', 'everything',
  'everyone', 'everybody', 'expired', 'expire', 'expires', 'clear', 'cleared', 'remove', 'release', 'fix',
  'fixed', 'hmm', 'um', 'uh', 'could', 'would', 'idea', 'ideas', 'info', 'information', 'details', 'detail',
  'returns', 'returned', 'returning', 'giving', 'gives', 'throws', 'throwing', 'getting', 'get', 'stop',
  'stopped', 'wrong', 'cant', 'okay', 'state', 'able', 'unable', 'users', 'user', 'group', 'groups', 'object',
  'objects', 'entry', 'entries', 'person', 'people', 'directory', 'entra', 'azure', 'aad', 'microsoft',
  'admin', 'portal', 'channel', 'channels', 'chat', 'conversation', 'thread', 'turn', 'switch', 'enable',
  'enabled', 'disable', 'disabled', 'send', 'sending', 'sent', 'turned', 'cancel', 'follow', 'unfollow', 'add',
  'setup', 'end', 'quiet', 'hr', 'hrs', 'min', 'mins', 'matching', 'attribute', 'attributes', 'mapping', 'mappings',
  'name', 'names', 'value', 'values', 'left', 'during', 'across', 'through', 'per', 'accidental', 'accidentally',
  'threshold', 'steps', 'step', 'needed', 'need', 'works', 'fine', 'hit', 'reached', 'exceeded', 'ad', 'eventually', 'once',
  'twice', 'assign', 'assigns', 'assigning', 'available', 'unavailable', 'expected', 'leave', 'leaving', 'quit', 'resigned', 'moved',
]);

/**
 * Ordinary English that is never an app or a person on its own ("how is provisioning doing [overall]?",
 * "did anyone [buy] …"): a name made only of these (and COMMON_WORDS) is not looked up.
 */
export const ORDINARY_WORDS = new Set([
  'overall', 'whether', 'anything', 'bought', 'buy', 'today', 'general', 'generally', 'everywhere', 'anywhere',
  'all', 'any', 'everything', 'things', 'thing', 'stuff', 'yet', 'already', 'lately', 'tonight', 'tomorrow',
  'sure', 'please', 'fine', 'fast', 'slowly', 'quickly', 'exactly', 'status', 'tenant', 'org', 'organization',
  'organisation', 'company', 'environment', 'prod', 'production', 'system', 'systems', 'platform', 'now',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'weekend', 'night', 'morning',
  'hello', 'there', 'right', 'again', 'apps', 'app', 'applications', 'application', 'provisioning', 'sync',
  'someone', 'somebody', 'mine', 'ours', 'yours', 'stuck', 'broken', 'working', 'healthy', 'down',
  // Kinds of app, not an app: "our SaaS provisioning".
  'saas', 'cloud', 'enterprise', 'corporate', 'internal', 'external', 'downstream', 'target', 'targets',
  // Words of pasted log entries ("skipped due to the following reasons").
  'following', 'reason', 'reasons', 'due', 'result', 'description', 'skipreason', 'statusinfo',
  // Chat shorthand and time words admins end a question with ("anything quarantined atm?", "… rn", "overnight").
  'atm', 'rn', 'rnow', 'overnight', 'asap', 'mean', 'means', 'meaning', 'both', 'either', 'neither',
  // Time and report words ("failed users tableau past 2 days", "quick health check", "top errors this month").
  'past', 'month', 'months', 'quick', 'top', 'summary', 'overview', 'report', 'daily', 'weekly', 'whole',
  'biggest', 'worst', 'common', 'back',
]);

/**
 * Words that make a message about provisioning even when no name or cue is recognised: without any of them
 * (and no name of the tenant) a message is off-topic and gets one polite sentence.
 */
export const DOMAIN_WORDS = new Set([
  'provision', 'provisioning', 'provisioned', 'deprovision', 'deprovisioned', 'sync', 'synced', 'syncing',
  'synchronization', 'synchronisation', 'scim', 'entra', 'azure', 'aad', 'app', 'apps', 'application',
  'applications', 'user', 'users', 'group', 'groups', 'account', 'accounts', 'quarantine', 'quarantined',
  'skip', 'skipped', 'job', 'jobs', 'cycle', 'cycles', 'connector', 'credentials', 'token', 'secret', 'tenant',
  'log', 'logs', 'error', 'errors', 'failed', 'failure', 'attribute', 'attributes', 'mapping', 'mappings',
  'matching', 'scope', 'scoping', 'filter', 'assignment', 'assignments', 'assigned', 'role', 'roles', 'license',
  'connection', 'status', 'restart', 'start', 'pause', 'stop', 'alert', 'alerts', 'audit', 'enterprise',
  'directory', 'identity', 'idp', 'okta', 'sso', 'saml', 'oidc', 'graph', 'onboarding', 'offboarding', 'hr',
  'workday', 'successfactors', 'fix', 'help', 'broken', 'stuck', 'running', 'health',
  // Failing in so many words: "why is tableau failing", "… throwing 409 conflict", "zendesk acting up".
  'fail', 'fails', 'failing', 'erroring', 'errored', 'conflict', 'conflicts', 'crashing', 'crashed',
]);
