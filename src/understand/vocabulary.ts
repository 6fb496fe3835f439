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
/** The same actions after "did anyone" / "has anyone" (either tense). */
const ACTIONS_ANY = `${ACTIONS_DONE}|restart|clear|release|start|kick|trigger|run|test|reassign|re-assign`;

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
      [`tell|let|warn|inform|message|post ${CONDITIONS} ${INCIDENTS}`, 5],
      ['keep eye', 1],
    ),
  ],
  [
    'audit',
    cues(
      'audit|audits|audited|auditing|audit-log|audit-trail|audittrail|history|changelog',
      // "who" alone is no cue ("who was skipped in Salesforce?"); who + an action done is.
      [`who|whom|whos ${ACTIONS_DONE}`, 2],
      [`did|has|have|had anyone|anybody|someone|somebody ${ACTIONS_ANY}`, 1],
      ['who|anyone|anybody|someone|somebody demand|on-demand|ondemand', 5],
      'actions|changes|remediations|fixes|operations taken|made|performed|executed|applied|ran',
      ['recent|latest|last|past|previous actions|changes|remediations|operations', 0],
      ['action|actions|remediation|remediations log|logs|trail|record|records', 0],
      [`last ${ACTIONS_DONE}`, 0],
    ),
  ],
  ['quarantine', cues('quarantine|quarantined|quarantining|quarantines')],
  [
    'credentials',
    cues(
      'credential|credentials|creds|unauthorized|unauthorised|authorization|authorisation|authentication',
      'authenticate|authorize|auth|token|secret|password|forbidden|401|403',
      'connection|connectivity|test|testing|validate|verify',
      'tenant url',
    ),
  ],
  [
    'skipped',
    cues(
      'skip|skipped|skipping|skips',
      'provisioned|deprovisioned|created|synced|synchronized|synchronised',
      ['~neg sync|synced|syncing|synchronized|synchronised|provision|create|appear|appearing|there|assigned|showing|shown', 5, 'names'],
      ['~neg have|has|get|got|receive|received account|accounts|access|license|seat', 5, 'names'],
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
    ),
  ],
  [
    'status',
    cues(
      'status|state|health|healthy|doing|going|working|looking|overview|summary|report|progress|statistics|stats',
      'happened|happening',
      'log|logs|error|errors|failing|failed|fails|failure|failures|problem|problems|issue|issues|wrong|broken',
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
      'monitor', 'keep', 'alert', 'notify', 'tell', 'let', 'warn', 'inform', 'message', 'post', 'unmute',
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

/** Words that open a clause whose subject follows: "tell me why jane…", "check if jane…". */
export const CLAUSE_OPENERS = new Set(['why', 'whether', 'if', 'that']);

/** Words before a subject that are not part of its name. */
export const LEADING_FILLERS = new Set([
  ...AUXILIARIES,
  'why', 'how', 'come', 'who', 'whom', 'which', 'what', 'whats', 'any', 'anyone', 'anybody', 'someone',
  'somebody', 'people', 'person', 'user', 'users', 'group', 'groups', 'member', 'members', 'of', 'the', 'a',
  'an', 'my', 'our', 'this', 'that', 'these', 'those', 'account', 'accounts', 'you', 'please', 'pls', 'plz',
  'tell', 'me', 'us', 'check', 'explain', 'show', 'list', 'find', 'see', 'know', 'hey', 'hi', 'hello', 'bot',
  'ok', 'okay', 'so', 'and', 'but', 'i', 'we', 'want', 'wanted', 'need', 'wonder', 'wondering', 'kindly',
  'guess', 'all', 'colleague', 'colleagues', 'employee', 'employees', 'new', 'hire', 'hires', 'joiners',
  'starters',
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
  // Words of pasted log entries ("skipped due to the following reasons").
  'following', 'reason', 'reasons', 'due', 'result', 'description', 'skipreason', 'statusinfo',
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
]);
