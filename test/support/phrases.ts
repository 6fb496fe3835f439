// The phrase table: how admins really ask, generated over the names of a tenant given to it (so it runs on
// any demo tenant, or one a test makes up). Phrasings follow Microsoft's provisioning docs (MicrosoftDocs/
// entra-docs docs/identity/app-provisioning/: application-provisioning-quarantine-status.md, "check the
// status of user provisioning", "provision on demand", "known issues") and how admins word the same
// questions in public threads (Microsoft Q&A "user not provisioned to app", "provisioning in quarantine",
// r/AZURE "SCIM provisioning stuck / skipped"): terse, lower case, misspelled, without punctuation, two
// sentences, pasted log lines, @mentions and Teams <at> markup.
import { readFileSync } from 'node:fs';
import type { FollowUp, RemedyVerb, Topic } from '../../src/domain/types';

export interface TenantSample {
  /** Display names of apps with a provisioning job. */
  apps: string[];
  people: Array<{ full: string; first: string; upn: string }>;
  groups: string[];
}

export interface Phrase {
  text: string;
  /** The line the accuracy is reported on: a topic, a command or a form. */
  form: string;
  topic?: Topic;
  app?: string;
  principal?: string;
  command?: RemedyVerb;
  restartOption?: 'Full';
  followUp?: FollowUp['kind'];
  followUpName?: string;
  offTopic?: boolean;
  guessed?: boolean;
  /** The time window's label ("today", "the last 24 hours"), when the phrasing names one. */
  window?: string;
}

interface TenantFile {
  users: Array<{ displayName?: string; givenName?: string; userPrincipalName?: string }>;
  groups: Array<{ displayName?: string }>;
  servicePrincipals: Array<{ id: string; displayName?: string }>;
  synchronization: Record<string, { jobs: unknown[] }>;
}

/** Names from a tenant file: apps with provisioning, people with a given name, groups. */
export function sampleTenant(file: string): TenantSample {
  const t = JSON.parse(readFileSync(file, 'utf8')) as TenantFile;
  const apps = t.servicePrincipals.filter((sp) => (t.synchronization[sp.id]?.jobs ?? []).length > 0).map((sp) => sp.displayName!).filter(Boolean);
  const firsts = t.users.map((u) => u.givenName?.toLowerCase());
  const people = t.users
    .filter((u) => u.displayName && u.givenName && u.userPrincipalName)
    // A first name two people share is a question the bot must ask back: not a one-answer phrase.
    .filter((u) => firsts.filter((f) => f === u.givenName!.toLowerCase()).length === 1)
    .map((u) => ({ full: u.displayName!, first: u.givenName!, upn: u.userPrincipalName! }));
  return { apps, people, groups: t.groups.map((g) => g.displayName!).filter(Boolean) };
}

/** One typo: two letters in the middle swapped ("Zendesk" → "Zenedsk"). */
function typo(name: string): string {
  const i = Math.floor(name.length / 2);
  return name.slice(0, i - 1) + name[i] + name[i - 1] + name.slice(i + 1);
}

type Fill = { App: string; app: string; Person: string; person: string; upn: string; group: string };
type Template = [string, Omit<Phrase, 'text' | 'form'> & { form?: string }];

// {App}: the app as displayed; {app}: lower case; {Person}: full name; {person}: first name, lower case.
const QUESTIONS: Template[] = [
  // skipped, names either way round
  ['why was {person} skipped in {App}?', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['{App} skipped {person}?', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['{App}: why wasnt {person} provisioned', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['{person} in {app}', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['{person} in the {App} app?', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ["why isn't {Person} in {App}", { topic: 'skipped', principal: '{Person}', app: '{App}' }],
  ['did {person} make it into {app} yet', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ["{Person}'s account wasn't created in {App}", { topic: 'skipped', principal: '{Person}', app: '{App}' }],
  ['{upn} not provisioned to {app}', { topic: 'skipped', principal: '{upn}', app: '{App}' }],
  ['why was {person} not provisioned', { topic: 'skipped', principal: '{person}' }],
  ['{person} skipped', { topic: 'skipped', principal: '{person}' }],
  ['why didnt {person} get created in {app}', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  // the one refused is the one who reports it; a closing "says …" or "what's going on" adds nothing
  ['{Person} says {app} wont let him in, whats going on', { topic: 'skipped', principal: '{Person}', app: '{App}' }],
  ["{app} won't let {person} in", { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['{person} cant get into {app}, says no account', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['{app}, whats going on?', { topic: 'status', app: '{App}' }],
  ['why was {Person} skiped in {app}', { topic: 'skipped', principal: '{Person}', app: '{App}' }],
  ['is {person} provisioned in {App}?', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['<at>Provisioning Assistant</at> why was {person} skipped in {App}?', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['@ProvBot {person} not showing up in {app}', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['{person} is missing from {App}. can you check', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['new hire {Person} has no {App} account', { topic: 'skipped', principal: '{Person}', app: '{App}' }],
  ['why did {Person} fail in {App}', { topic: 'skipped', principal: '{Person}', app: '{App}' }],
  ['is {person} still failing in {app}', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ["{app} didn't provision {person}", { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['who was skipped in {App}?', { topic: 'list', app: '{App}' }],
  ['which users were skipped in {app} today', { topic: 'list', app: '{App}', window: 'today' }],
  ['who was provisioned to {app} today', { topic: 'list', app: '{App}', window: 'today' }],
  ['failed users {app} past 2 days', { topic: 'list', app: '{App}' }],
  ['what failed in {App} in the last 24 hours', { topic: 'list', app: '{App}' }],
  ['who was skipped in {App} this week?', { topic: 'list', app: '{App}' }],
  ['how many users did {App} create yesterday', { topic: 'list', app: '{App}' }],
  ['show me provisioning errors this week', { topic: 'list' }],
  ['why wasnt the {group} group provisioned to {App}', { topic: 'skipped', principal: '{group}', app: '{App}' }],
  ['{App} skipped the {group} group', { topic: 'skipped', principal: '{group}', app: '{App}' }],
  // quarantine
  ['is {App} in quarantine?', { topic: 'quarantine', app: '{App}' }],
  ['{app} quarantined?', { topic: 'quarantine', app: '{App}' }],
  ['why is {App} provisioning in quarantine', { topic: 'quarantine', app: '{App}' }],
  ["{App}'s provisioning says quarantine. why", { topic: 'quarantine', app: '{App}' }],
  ['is {App} provisioning quarantined? the portal shows a warning', { topic: 'quarantine', app: '{App}' }],
  ['{app} quarentine', { topic: 'quarantine', app: '{App}' }],
  ['<at>Provisioning Assistant</at> is {App} in quarantine', { topic: 'quarantine', app: '{App}' }],
  ['is anything in quarantine?', { topic: 'quarantine' }],
  ['any apps in quarantine', { topic: 'quarantine' }],
  ['The provisioning job for {App} has been placed in quarantine', { topic: 'quarantine', app: '{App}' }],
  // status
  ['how is {App} doing?', { topic: 'status', app: '{App}' }],
  ['status of {app} provisioning', { topic: 'status', app: '{App}' }],
  ['{app} status', { topic: 'status', app: '{App}' }],
  ['how is provisioning doing overall?', { topic: 'status' }],
  ['how are my apps doing', { topic: 'status' }],
  ['any errors in {App} provisioning', { topic: 'status', app: '{App}' }],
  ['what happened with {app} last night', { topic: 'status', app: '{App}' }],
  ['is {App} sync healthy', { topic: 'status', app: '{App}' }],
  ['{App}?', { topic: 'status', app: '{App}' }],
  ['the {App} app', { topic: 'status', app: '{App}' }],
  ['show me the provisioning logs for {app}', { topic: 'status', app: '{App}' }],
  ['{app} provisioning failing', { topic: 'status', app: '{App}' }],
  // credentials
  ['test the connection to {App}', { topic: 'credentials', app: '{App}' }],
  ['are the {app} credentials still valid', { topic: 'credentials', app: '{App}' }],
  ['{App} secret token expired?', { topic: 'credentials', app: '{App}' }],
  ['test connection {app}', { topic: 'credentials', app: '{App}' }],
  ['{app} says 401 unauthorized', { topic: 'credentials', app: '{App}' }],
  ['check the tenant url and token for {App}', { topic: 'credentials', app: '{App}' }],
  // not-started
  ["{app} provisioning doesn't start", { topic: 'not-started', app: '{App}' }],
  ['why is {App} stuck', { topic: 'not-started', app: '{App}' }],
  // Asked of the Fabrikam bot in words no test used, and misread until then ("SaaS" as an app, ", what gives"
  // as half of the question, "kick it off" as nothing).
  ['anything stuck or broken with our SaaS provisioning this morning?', { topic: 'not-started' }],
  ['{person} never showed up in {app}, what gives', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['{App} provisioning never ran', { topic: 'not-started', app: '{App}' }],
  // And later: a closing "ok or did it blow up" dropped the person and read the rest as an app status.
  ['did {person} get pushed to {app} ok or did it blow up', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['was {person} provisioned to {App} or not?', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  // Asked of the Fabrikam bot by a reviewer in admins' words: "log into" read as the provisioning logs, who
  // reported it ("HR says", "new starter") as part of the name, chat shorthand ("atm", "rn", "prov") as an app.
  ["HR says {Person} still can't log into {app}, can you check why", { topic: 'skipped', principal: '{Person}', app: '{App}' }],
  ['can you check why {person} cant log in to {app}', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['new starter {Person} has no {App} access since Monday, pls check', { topic: 'skipped', principal: '{Person}', app: '{App}', window: 'since Monday' }],
  ['anything quarantined atm?', { topic: 'quarantine' }],
  ["what's up with {person} in {app}", { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ["what's going on with {Person} in {App}", { topic: 'skipped', principal: '{Person}', app: '{App}' }],
  ['any news on {person} in {app}?', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['{upn} {app}', { topic: 'skipped', principal: '{upn}', app: '{App}' }],
  ['is {person} in {app} yet or not', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['who broke {app}', { topic: 'history', app: '{App}' }],
  ['who paused {App}?', { topic: 'history', app: '{App}' }],
  ['{Person} {app} failed', { topic: 'skipped', principal: '{Person}', app: '{App}' }],
  ['{Person} {app} error', { topic: 'skipped', principal: '{Person}', app: '{App}' }],
  ['{app} wants to delete 212 users, what do i do', { topic: 'deprovisioning', app: '{App}' }],
  ['which attribute feeds manager in {app}', { topic: 'mapping', app: '{App}' }],
  ['why does {person} show up as support agent in {app}?', { topic: 'mapping', principal: '{person}', app: '{App}' }],
  ['where does the title come from in {App}?', { topic: 'mapping', app: '{App}' }],
  ['why does {person} have the wrong job title in {app}', { topic: 'mapping', principal: '{person}', app: '{App}' }],
  // A group whose name holds an attribute word ("Field Crew West") is still a group that was skipped.
  ['why was the field crew west group skipped in {app}', { topic: 'skipped', principal: 'field crew west', app: '{App}' }],
  ['{app} acting up again?', { topic: 'status', app: '{App}' }],
  ['why is {app} throwing 409 conflict', { topic: 'status', app: '{App}' }],
  ['why is {app} failing', { topic: 'status', app: '{App}' }],
  ['anything quarantined rn?', { topic: 'quarantine' }],
  ['{app} prov is dead again, who changed the token?', { topic: 'history', app: '{App}' }],
  ['is {app} still running its initial cycle', { topic: 'not-started', app: '{App}' }],
  ['{App} initial cycle taking forever', { topic: 'not-started', app: '{App}' }],
  ['nothing happening in {app} for hours', { topic: 'not-started', app: '{App}' }],
  // audit
  ['who restarted {App}?', { topic: 'history', app: '{App}' }],
  ['who cleared the quarantine on {App}', { topic: 'history', app: '{App}' }],
  ['audit log for {app}', { topic: 'audit', app: '{App}' }],
  ['what changes were made to {App} today', { topic: 'history', app: '{App}', window: 'today' }],
  // list: skips and failures over a time window
  ['who was skipped in {App} this week', { topic: 'list', app: '{App}', window: 'this week' }],
  ['what failed in the last 24 hours', { topic: 'list', window: 'the last 24 hours' }],
  ['show me provisioning errors this week', { topic: 'list', window: 'this week' }],
  ['how many users did {App} create yesterday', { topic: 'list', app: '{App}', window: 'yesterday' }],
  ['failures in {app} since monday', { topic: 'list', app: '{App}', window: 'since Monday' }],
  // "did anything break": what failed in the window, everywhere or in one app
  ['morning - did anything break in provisioning overnight?', { topic: 'list', window: 'since last night' }],
  ['did something break in {app} today', { topic: 'list', app: '{App}', window: 'today' }],
  ['what broke this week', { topic: 'list', window: 'this week' }],
  // an error code asked about by itself
  ['what does EntryConflict mean in {app}', { topic: 'status', app: '{App}' }],
  ['SystemForCrossDomainIdentityManagementCredentialValidationFailure?', { topic: 'status' }],
  // every app narrowed to one state
  ['which apps are paused?', { topic: 'not-started' }],
  ['any apps disabled', { topic: 'not-started' }],
  ['show me the provisioning jobs that never ran', { topic: 'not-started' }],
  ['is anything stopped right now', { topic: 'not-started' }],
  // removals over a window: what admins ask after a leavers' batch
  ['who got deprovisioned in {app} this week', { topic: 'list', app: '{App}', window: 'this week' }],
  ['was anyone removed from {App} today?', { topic: 'list', app: '{App}', window: 'today' }],
  ['which accounts were disabled in {App} in the last 7 days', { topic: 'list', app: '{App}', window: 'the last 7 days' }],
  ['show me deleted users in {app} since monday', { topic: 'list', app: '{App}', window: 'since Monday' }],
  ['who was removed from {app} in the last 7 days', { topic: 'list', app: '{App}', window: 'the last 7 days' }],
  ['which users have been deprovisioned from {App}?', { topic: 'list', app: '{App}' }],
  ['list everyone skipped in {App} over the last 3 days', { topic: 'list', app: '{App}', window: 'the last 3 days' }],
  // history
  ['what has been done on {App}?', { topic: 'history', app: '{App}' }],
  ['when did {App} last run', { topic: 'history', app: '{App}' }],
  ['when is the next sync for {app}?', { topic: 'history', app: '{App}' }],
  ['when will {App} run next', { topic: 'history', app: '{App}' }],
  ['next cycle due for {app}?', { topic: 'history', app: '{App}' }],
  ["whens the next {app} sync", { topic: 'history', app: '{App}' }],
  ['when did {app} last run successfully', { topic: 'history', app: '{App}' }],
  ['last successful sync for {App}', { topic: 'history', app: '{App}' }],
  ['who changed the {app} credentials', { topic: 'history', app: '{App}' }],
  ['{App} history', { topic: 'history', app: '{App}' }],
  // mapping
  ["what's the matching attribute for {app}?", { topic: 'mapping', app: '{App}' }],
  ["why is {person}'s job title wrong in {App}", { topic: 'mapping', principal: '{person}', app: '{App}' }],
  ['show me the scoping filter for {App}', { topic: 'mapping', app: '{App}' }],
  ['what does {App} get as the user name', { topic: 'mapping', app: '{App}' }],
  ['attribute mappings for {app}', { topic: 'mapping', app: '{App}' }],
  // deprovisioning
  // Leavers, in the words a reviewer used on Fabrikam (read as a skip until then).
  ['why is {Person} still in {app}? he left in october', { topic: 'deprovisioning', principal: '{Person}', app: '{App}' }],
  ['{person} left, is her {app} account gone?', { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  ['{person} left the company but still has {App}', { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  ['disable {person} in {app} now', { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  ['what apps is {person} assigned to', { topic: 'access', principal: '{person}' }],
  ['who is assigned to {app}?', { topic: 'status', app: '{App}' }],
  ['how many users are in scope for {App}', { topic: 'status', app: '{App}' }],
  ['what does {Person} have access to?', { topic: 'access', principal: '{Person}' }],
  ['kick {Person} out of {App}', { topic: 'deprovisioning', principal: '{Person}', app: '{App}' }],
  ["why wasn't {person} removed from {App}", { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  ['what happens if I unassign {person}', { topic: 'deprovisioning', principal: '{person}' }],
  ['why is a disabled user still active in {App}', { topic: 'deprovisioning', app: '{App}' }],
  ['{Person} left the company but still has an account in {App}', { topic: 'deprovisioning', principal: '{Person}', app: '{App}' }],
  ['why was {person} deprovisioned from {app}', { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  // access: when someone gets access
  ['when will {person} get access to {App}?', { topic: 'access', principal: '{person}', app: '{App}' }],
  ['how long until {Person} is provisioned in {app}', { topic: 'access', principal: '{Person}', app: '{App}' }],
  ['eta for {person} in {App}?', { topic: 'access', principal: '{person}', app: '{App}' }],
  // alerts
  ['alert us when {App} goes into quarantine', { topic: 'alerts', app: '{App}' }],
  ['ping me if {app} breaks', { topic: 'alerts', app: '{App}' }],
  ['mute {app} alerts for 3 days', { topic: 'alerts', app: '{App}' }],
  ['stop watching {App}', { topic: 'alerts', app: '{App}' }],
  ['which apps are muted', { topic: 'alerts' }],
  // help
  ['help', { topic: 'help' }],
  ['what can you do?', { topic: 'help' }],
  ['hi', { topic: 'help' }],
];

// Worded after public threads (paraphrased): pinter.org/archives/11249 (a pasted "Result Skipped … SkipReason
// NotEffectivelyEntitled" log entry), grokability/snipe-it#11913 and #14138 (a cycle quarantined after an
// HTTP 404; "restart provisioning, then it breaks again"), MicrosoftDocs/azure-docs#95437 (what quarantine
// means), OneUptime/oneuptime#1984 (test connection fails), learn.microsoft.com "No users are being provisioned".
const FROM_THREADS: Template[] = [
  ["Result Skipped. The User '{upn}' will be skipped due to the following reasons: SkipReason NotEffectivelyEntitled", { topic: 'skipped', principal: '{upn}' }],
  ['{App} cycle got quarantined with an HTTP/404 Not Found', { topic: 'quarantine', app: '{App}' }],
  ['{app} keeps going back into quarantine after we restart provisioning', { topic: 'quarantine', app: '{App}' }],
  ['what does quarantine mean for {App}? sync seems to work', { topic: 'quarantine', app: '{App}' }],
  ['test connection fails for {App} after entering the tenant url and token', { topic: 'credentials', app: '{App}' }],
  ['no users are being provisioned to {App}', { topic: 'skipped', app: '{App}' }],
];

// Held out: adapted from what admins wrote in public threads and docs, written before the parser was run on
// them (each group names its source). Wording kept as they wrote it: lower case, typos, no punctuation, two
// sentences, pasted log lines and error codes, @mentions.
const FROM_ADMINS: Template[] = [
  // https://pinter.org/archives/11249 and https://learn.microsoft.com/en-us/answers/questions/1023522/user-provisioning-noteffectivelyentitled
  ['user provisioning fails for {upn}: Result Skipped SkipReason NotEffectivelyEntitled', { topic: 'skipped', principal: '{upn}' }],
  ['SkipReason: NotEffectivelyEntitled for {person} in {app}, what does that mean', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['when i try to sync {person} to {App} it gets skipped', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['{person} is skipped with NotEffectivelyEntitled', { topic: 'skipped', principal: '{person}' }],
  ["The User '{upn}' will be skipped due to the following reasons: 1) This object is not assigned to the application.", { topic: 'skipped', principal: '{upn}' }],
  ['some users are not synced to {App} since we changed the scoping', { topic: 'list', app: '{App}' }],
  ['terminated users are not updated in {app}', { topic: 'deprovisioning', app: '{App}' }],
  // https://learn.microsoft.com/en-us/answers/questions/5643823/users-not-showing-up-in-my-enterprise-app-even-aft
  ['users not showing up in {App} even after assigning them', { topic: 'list', app: '{App}' }],
  ['{person} is assigned to {App} but not showing up', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['{Person} is assigned but still not provisioned to {app}. nested group?', { topic: 'skipped', principal: '{Person}', app: '{App}' }],
  // https://learn.microsoft.com/en-us/answers/questions/5828857/scim-integration-in-entra-for-salesforce
  ['getting SystemForCrossDomainIdentityManagementServiceIncompatibleFiltering errors on {App}', { topic: 'status', app: '{App}' }],
  ['StatusCode: Conflict for {upn} in {App}. REQUIRED_FIELD_MISSING', { topic: 'skipped', principal: '{upn}', app: '{App}' }],
  ['the scim test connection is succesful but {App} provisioning fails', { topic: 'status', app: '{App}' }],
  // https://github.com/MicrosoftDocs/azure-docs/issues/95437
  ['{App} provisioning says quarantine yet it appears to be working ok', { topic: 'quarantine', app: '{App}' }],
  ['what triggers quarantine on {app}', { topic: 'quarantine', app: '{App}' }],
  ['i am told a 404 put {App} into quarantine. which request was it', { topic: 'quarantine', app: '{App}' }],
  ['steady state has not been achieved for {App}', { topic: 'status', app: '{App}' }],
  // https://github.com/appsmithorg/appsmith/issues/25666
  ['{app} provisioning goes to quarantined state when our instance goes down', { topic: 'quarantine', app: '{App}' }],
  // https://github.com/grokability/snipe-it/issues/11913
  ['kicked off a provisioning cycle for {App}, it provisions all the users but the cycle is quarantined', { topic: 'quarantine', app: '{App}' }],
  ['An HTTP/404 Not Found response was returned rather than the expected HTTP/200 OK response. ensure that the tenant URL is correct for {App}', { topic: 'credentials', app: '{App}' }],
  // https://github.com/MicrosoftDocs/azure-docs/issues/50768
  ['our {app} user provisioning is listed as Quarantined due to a high number of errors', { topic: 'quarantine', app: '{App}' }],
  ['{App} quarantined but the logs show nothing but success', { topic: 'quarantine', app: '{App}' }],
  ['I have a test user {person} which is not provisioned down to {App}', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  // https://github.com/grokability/snipe-it/issues/14138
  ['if i click restart provisioning on {App} it works again and then eventually breaks', { topic: 'status', app: '{App}' }],
  ['scim provisioning to {app} only works once', { topic: 'status', app: '{App}' }],
  // https://github.com/MicrosoftDocs/azure-docs/issues/104769
  ['removed {person} from users and groups in {App} but no disable request was sent', { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  ['{person} was unassigned from {app} and is still active there', { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  ['azure ad does not send disable requests to {App}', { topic: 'deprovisioning', app: '{App}' }],
  // https://github.com/MicrosoftDocs/azure-docs/issues/75707 and #81403 (RingCentral)
  ['removed {person} from the group but the next cycle just skipped her instead of removing her from {App}', { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  ["how do i disable {person}'s {App} account", { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  ["what steps are needed to delete {person}'s account in {app}", { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  ['removed {Person} from the licensing group but {App} still has the account', { topic: 'deprovisioning', principal: '{Person}', app: '{App}' }],
  // https://github.com/MicrosoftDocs/azure-docs/issues/67973 and #82269
  ['when {person} is deprovisioned will the {App} account be suspended or deleted', { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  ['users went out of scope but their {App} accounts remain unchanged', { topic: 'deprovisioning', app: '{App}' }],
  // https://www.company-skill.com/p/idaas/troubleshooting/idaas-sync
  ['user disabled in entra but still active in {App}', { topic: 'deprovisioning', app: '{App}' }],
  ['deleted user still appears in the {app} user list', { topic: 'deprovisioning', app: '{App}' }],
  ['changes in entra take longer than expected to show up in {App}', { topic: 'status', app: '{App}' }],
  // https://learn.microsoft.com/en-us/answers/questions/4969398 (expired token → quarantine)
  ['{App} token expired and provisioning went into quarantine', { topic: 'quarantine', app: '{App}' }],
  ['SystemForCrossDomainIdentityManagementCredentialValidationFailure on {App}', { topic: 'credentials', app: '{App}' }],
  ['generated a new token for {app}. how do i test the connection', { topic: 'credentials', app: '{App}' }],
  ['update credentials for {App}', { topic: 'credentials', app: '{App}' }],
  // https://docs.nullplatform.com/docs/authorization/scim/azure-entra-id/troubleshooting
  ['provisioning fails with invalid credentials for {App}', { topic: 'credentials', app: '{App}' }],
  ['users are not syncing to {app}', { topic: 'list', app: '{App}' }],
  ['user not found errors in {App}', { topic: 'status', app: '{App}' }],
  ['attribute mappings not working for {App}', { topic: 'mapping', app: '{App}' }],
  // https://docs.delinea.com/online-help/delinea-platform/identity-providers/entra-id/entra-id-scim-provisioning-troubleshooting.htm
  ['{App} cycle shows quarantine status', { topic: 'quarantine', app: '{App}' }],
  ['changes not syncing to {app}', { topic: 'status', app: '{App}' }],
  // https://documentation.immuta.com/knowledge-base (attributes not updated on the initial create)
  ['attributes are not updated during the initial create in {App}', { topic: 'mapping', app: '{App}' }],
  ['A property of an entry was not exported, because exporting the property is not supported for this operation: Add. The entry is {upn}.', { topic: 'skipped', principal: '{upn}' }],
  // https://learn.microsoft.com/en-us/entra/identity/app-provisioning/known-issues
  ['null attribute not provisioned to {App}', { topic: 'mapping', app: '{App}' }],
  ['userType is not available as a source attribute for {app}', { topic: 'mapping', app: '{App}' }],
  ['can my scoping filter for {App} use the manager attribute', { topic: 'mapping', app: '{App}' }],
  // https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-when-will-provisioning-finish-specific-user
  ['when will {person} be able to access {App}', { topic: 'access', principal: '{person}', app: '{App}' }],
  ['how long will the initial cycle take for {App}', { topic: 'not-started', app: '{App}' }],
  ['is the {App} initial cycle done yet', { topic: 'not-started', app: '{App}' }],
  ['what percent of the {app} initial cycle is complete', { topic: 'not-started', app: '{App}' }],
  // https://learn.microsoft.com/en-us/azure/active-directory/app-provisioning/application-provisioning-config-problem-no-users-provisioned
  ['provisioning status is on for {App} but no other status details are shown', { topic: 'not-started', app: '{App}' }],
  ['{App} provisioning service does not appear to start', { topic: 'not-started', app: '{App}' }],
  ['search the provisioning logs for {upn}', { topic: 'skipped', principal: '{upn}' }],
  // How the same threads read when typed into a chat: @mentions, <at> markup, terse, misspelled, two sentences
  ['@Provisioning Assistant {app} quarantined again??', { topic: 'quarantine', app: '{App}' }],
  ['<at>Provisioning Assistant</at> {person} still not in {app}. any idea', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['hey <at>Provisioning Assistant</at> can u check why {person} isnt in {app}', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['provisoning for {app} is stuck agian', { topic: 'not-started', app: '{App}' }],
  ['{person} not provisoned to {app}', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['why is {app} in quarintine', { topic: 'quarantine', app: '{App}' }],
  ['StatusCode: SkipReason NotEffectivelyEntitled {upn}', { topic: 'skipped', principal: '{upn}' }],
  ['Error code: SystemForCrossDomainIdentityManagementBadResponse in {App}', { topic: 'status', app: '{App}' }],
  ['{person} skipped in {app}?? assigned her yesterday', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['{app} sync broken since this morning', { topic: 'status', app: '{App}' }],
  ['is {app} provisioning running at all', { topic: 'not-started', app: '{App}' }],
  ['{App} says 403 forbidden when testing', { topic: 'credentials', app: '{App}' }],
  ['{app} creds expired?', { topic: 'credentials', app: '{App}' }],
  ['ok so {person} got created in {app} but {Person} didnt. why', { topic: 'skipped', principal: '{Person}', app: '{App}' }],
  // Lists over a time, as admins ask them in the same threads ("which users were skipped", "errors since")
  ['how many users failed to provision to {App} today', { topic: 'list', app: '{App}', window: 'today' }],
  ['which users got skipped in {app} last week', { topic: 'list', app: '{App}', window: 'the last week' }],
  ['any failures in {App} in the past 48 hours', { topic: 'list', app: '{App}', window: 'the last 48 hours' }],
  ['show me everyone who failed in {app} yesterday', { topic: 'list', app: '{App}', window: 'yesterday' }],
  ['who did {App} skip this morning', { topic: 'list', app: '{App}', window: 'today' }],
  ['errors for {app} since friday', { topic: 'list', app: '{App}', window: 'since Friday' }],
  ['list of skipped users in {App}', { topic: 'list', app: '{App}' }],
  // History, after the audit-log questions in the same threads ("filter on Activity: Quarantine")
  ['when was {App} last synced', { topic: 'history', app: '{App}' }],
  ['who turned off provisioning for {App}', { topic: 'history', app: '{App}' }],
  ['who paused {app}', { topic: 'history', app: '{App}' }],
  ['what changed in {App} yesterday', { topic: 'history', app: '{App}', window: 'yesterday' }],
  ['did anyone touch the {app} provisioning config this week', { topic: 'history', app: '{App}', window: 'this week' }],
  ['quarantine history of {App}', { topic: 'history', app: '{App}' }],
  ['when did {app} last sync successfully', { topic: 'history', app: '{App}' }],
  // Mappings, after https://learn.microsoft.com/en-us/entra/identity/app-provisioning/customize-application-attributes
  ['what is {App} using as the matching attribute', { topic: 'mapping', app: '{App}' }],
  ['which attribute does {app} match users on', { topic: 'mapping', app: '{App}' }],
  ["{person}'s department is not updating in {App}", { topic: 'mapping', principal: '{person}', app: '{App}' }],
  ["why does {Person} have the wrong email in {app}", { topic: 'mapping', principal: '{Person}', app: '{App}' }],
  ['what scoping filter does {App} have', { topic: 'mapping', app: '{App}' }],
  ['{App} mapping for userPrincipalName', { topic: 'mapping', app: '{App}' }],
  // Access, after "see when a user is able to access an app" (same page as above)
  ['when does {person} get {App}', { topic: 'access', principal: '{person}', app: '{App}' }],
  ['how long till {person} shows up in {app}', { topic: 'access', principal: '{person}', app: '{App}' }],
  ['new hire {Person} starts monday. when will they have access to {App}', { topic: 'access', principal: '{Person}', app: '{App}' }],
  // Deprovisioning, after https://learn.microsoft.com/en-us/entra/identity/app-provisioning/how-provisioning-works#de-provisioning
  ['{person} left last week, why is her {App} account still enabled', { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  ['will {app} delete {person} if i remove her from the group', { topic: 'deprovisioning', principal: '{person}', app: '{App}' }],
  ['accidental deletions threshold hit on {App}', { topic: 'deprovisioning', app: '{App}' }],
  // Commands as admins type them in chat
  ['pls restart {app} provisioning', { command: 'restartProvisioning', app: '{App}' }],
  ['ok now restart {app}', { command: 'restartProvisioning', app: '{App}' }],
  ['run provision on demand for {person} in {app}', { command: 'provisionOnDemand', principal: '{person}', app: '{App}' }],
  ['take {app} out of quarantine', { command: 'clearQuarantine', app: '{App}' }],
  ['can we get {App} out of quarantine pls', { command: 'clearQuarantine', app: '{App}' }],
  ['turn {app} provisioning off for now', { command: 'pauseProvisioning', app: '{App}' }],
  ['<at>Provisioning Assistant</at> start {App}', { command: 'startProvisioning', app: '{App}' }],
  ['provision {upn} on demand to {App}', { command: 'provisionOnDemand', principal: '{upn}', app: '{App}' }],
  ['unassign and reassign {person} in {app}', { command: 'reassignUser', principal: '{person}', app: '{App}' }],
  ['restart {App} with a full resync', { command: 'restartProvisioning', restartOption: 'Full', app: '{App}' }],
  // Follow-ups as typed
  ['and {app}?', { followUp: 'other-name', app: '{App}' }],
  ['same for {App} pls', { followUp: 'other-name', app: '{App}' }],
  ['hm why', { followUp: 'again' }],
  ['can you try again', { followUp: 'again' }],
  ['give me more details', { followUp: 'again' }],
  ['how do we fix this?', { followUp: 'again' }],
  ['ok fix it', { followUp: 'fix' }],
  ['not that one, the other one', { followUp: 'other-choice' }],
];

const COMMANDS: Template[] = [
  ['start provisioning for {App}', { command: 'startProvisioning', app: '{App}' }],
  ['start {app}', { command: 'startProvisioning', app: '{App}' }],
  ['please resume {App} provisioning', { command: 'startProvisioning', app: '{App}' }],
  ['turn {App} provisioning back on', { command: 'startProvisioning', app: '{App}' }],
  ['can you turn on provisioning for {app}', { command: 'startProvisioning', app: '{App}' }],
  ['<at>Provisioning Assistant</at> kick off {App}', { command: 'startProvisioning', app: '{App}' }],
  ['pause {app}', { command: 'pauseProvisioning', app: '{App}' }],
  // typed fast: a swapped or missing letter in the verb, and chat words
  ['pasue {app}', { command: 'pauseProvisioning', app: '{App}' }],
  ['restrat {App} pls', { command: 'restartProvisioning', app: '{App}' }],
  ['resart {app}', { command: 'restartProvisioning', app: '{App}' }],
  ['can u kick {app} again pls', { command: 'restartProvisioning', app: '{App}' }],
  ['pause provisioning for {App}', { command: 'pauseProvisioning', app: '{App}' }],
  ['stop {App} provisioning now', { command: 'pauseProvisioning', app: '{App}' }],
  ['turn off {app} sync', { command: 'pauseProvisioning', app: '{App}' }],
  ['could you please stop the {App} job', { command: 'pauseProvisioning', app: '{App}' }],
  ['restart {App}', { command: 'restartProvisioning', app: '{App}' }],
  ['restart provisioning for {app} please', { command: 'restartProvisioning', app: '{App}' }],
  ['restart {App} and clear the quarantine', { command: 'clearQuarantine', app: '{App}' }],
  ['do a full restart of {App}', { command: 'restartProvisioning', restartOption: 'Full', app: '{App}' }],
  ['restart {app} from scratch', { command: 'restartProvisioning', restartOption: 'Full', app: '{App}' }],
  ['force a full sync on {app}', { command: 'restartProvisioning', restartOption: 'Full', app: '{App}' }],
  ['clear the quarantine on {App}', { command: 'clearQuarantine', app: '{App}' }],
  ['clear quarantine for {app}', { command: 'clearQuarantine', app: '{App}' }],
  ['get {App} out of quarantine', { command: 'clearQuarantine', app: '{App}' }],
  ['release {app} from quarantine', { command: 'clearQuarantine', app: '{App}' }],
  ['provision {person} to {App} now', { command: 'provisionOnDemand', principal: '{person}', app: '{App}' }],
  ['provision {Person} in {app}', { command: 'provisionOnDemand', principal: '{Person}', app: '{App}' }],
  ['please provision {upn} to {App}', { command: 'provisionOnDemand', principal: '{upn}', app: '{App}' }],
  ['re-assign {person} in {App}', { command: 'reassignUser', principal: '{person}', app: '{App}' }],
  ['reassign {Person} to {app}', { command: 'reassignUser', principal: '{Person}', app: '{App}' }],
  ['retry {person} in {App}', { command: 'provisionOnDemand', principal: '{person}', app: '{App}' }],
  // One person "re-run" in an app is provisioned on demand, not a restart of everyone's cycle; a pronoun is
  // the conversation's person, not a name to look up.
  ['re-run provisioning for {person} in {app}', { command: 'provisionOnDemand', principal: '{person}', app: '{App}' }],
  ['ok provision him now', { command: 'provisionOnDemand' }],
  ['reassign her', { command: 'reassignUser' }],
  ['retry everyone who failed in {app}', { command: 'retryFailed', app: '{App}' }],
  ['retry all failures in {App}', { command: 'retryFailed', app: '{App}' }],
  ['turn it back on', { command: 'startProvisioning' }],
  ['ok so go ahead and kick it off again', { command: 'startProvisioning' }],
  ['kick {app} off again', { command: 'startProvisioning', app: '{App}' }],
  ['pause it', { command: 'pauseProvisioning' }],
];

const FOLLOW_UPS: Template[] = [
  ['and in {App}?', { followUp: 'other-name', app: '{App}' }],
  ['what about {App}', { followUp: 'other-name', app: '{App}' }],
  ['what about {person}?', { followUp: 'other-name', followUpName: '{person}' }],
  ['and {Person}?', { followUp: 'other-name', followUpName: '{Person}' }],
  ['how about {person}', { followUp: 'other-name', followUpName: '{person}' }],
  ['why?', { followUp: 'again' }],
  ['why', { followUp: 'again' }],
  ['how do I fix it?', { followUp: 'again' }],
  ['more details', { followUp: 'again' }],
  ['try again', { followUp: 'again' }],
  ['fix it', { followUp: 'fix' }],
  ['ok do it', { followUp: 'fix' }],
  ['go ahead', { followUp: 'fix' }],
  ['the other one', { followUp: 'other-choice' }],
  ['no, the other one', { followUp: 'other-choice' }],
];

const ELSEWHERE: Template[] = [
  ['tell me a joke', { offTopic: true, form: 'off-topic' }],
  ["what's the weather like in Seattle", { offTopic: true, form: 'off-topic' }],
  ['who won the game last night', { offTopic: true, form: 'off-topic' }],
  ['can you book me a meeting room', { offTopic: true, form: 'off-topic' }],
  ['flibber gorp', { guessed: true, form: 'not-understood' }],
  // A greeting before words that are not about provisioning is not a request for the help card.
  ['hey quick q about the thingy', { offTopic: true, form: 'off-topic' }],
  // Asked by a reviewer in chat words no earlier phrasing used: slang, "errored out", "never got … login".
  ['hey is {app} still borked or did someone sort it out', { topic: 'status', app: '{App}' }],
  ['{person} never got a {app} login, any idea why', { topic: 'skipped', principal: '{person}', app: '{App}' }],
  ['list everyone that errored out in {app} since yesterday pls', { topic: 'list', app: '{App}', window: 'yesterday' }],
  // history and mapping (issue 12)
  ["what's the matching attribute for {app}?", { topic: 'mapping', app: '{App}' }],
  ['show me the scoping filter for {App}', { topic: 'mapping', app: '{App}' }],
  ['what does {App} get as the user name?', { topic: 'mapping', app: '{App}' }],
  ["why is {person}'s job title wrong in {App}?", { topic: 'mapping', principal: '{person}', app: '{App}' }],
  ['what has been done on {App}?', { topic: 'history', app: '{App}' }],
  ['when did {App} last run?', { topic: 'history', app: '{App}' }],
  ['who changed the {App} credentials?', { topic: 'history', app: '{App}' }],
];

function fill(s: string, f: Fill): string {
  return s.replace(/\{(App|app|Person|person|upn|group)\}/g, (_m, k: keyof Fill) => f[k]);
}

function build(templates: Template[], fills: Fill[], form: (t: Template[1]) => string, seen: Set<string>, out: Phrase[]): void {
  for (const [text, expected] of templates) {
    const uses = /\{(?:App|app|Person|person|upn|group)\}/.test(text);
    for (const f of uses ? fills : fills.slice(0, 1)) {
      const phrase: Phrase = { text: fill(text, f), form: expected.form ?? form(expected) };
      for (const key of ['topic', 'command', 'restartOption', 'followUp', 'offTopic', 'guessed', 'window'] as const) {
        if (expected[key] !== undefined) (phrase as unknown as Record<string, unknown>)[key] = expected[key];
      }
      if (expected.app) phrase.app = fill(expected.app, f);
      if (expected.principal) phrase.principal = fill(expected.principal, f);
      if (expected.followUpName) phrase.followUpName = fill(expected.followUpName, f);
      if (seen.has(phrase.text)) continue;
      seen.add(phrase.text);
      out.push(phrase);
    }
  }
}

/** Every phrasing over `fills` names of the tenant (apps, people, groups taken in turn). */
export function phrases(t: TenantSample, fills = 4): Phrase[] {
  const list: Fill[] = [];
  for (let i = 0; i < fills; i++) {
    const App = t.apps[i % t.apps.length];
    const p = t.people[(i * 3) % t.people.length];
    list.push({ App, app: App.toLowerCase(), Person: p.full, person: p.first.toLowerCase(), upn: p.upn, group: t.groups[i % t.groups.length] });
  }
  const out: Phrase[] = [];
  const seen = new Set<string>();
  build(QUESTIONS, list, (e) => e.topic!, seen, out);
  build(FROM_THREADS, list, (e) => e.topic!, seen, out);
  build(FROM_ADMINS, list, (e) => (e.command ? `command ${e.command}` : e.followUp ? `follow-up ${e.followUp}` : e.topic!), seen, out);
  build(COMMANDS, list, (e) => `command ${e.command}`, seen, out);
  build(FOLLOW_UPS, list, (e) => `follow-up ${e.followUp}`, seen, out);
  build(ELSEWHERE, list, () => 'elsewhere', seen, out);
  // Misspelled app names: one swapped pair in a long name is still the app.
  const typos: Template[] = [
    ['is {app} in quarantine', { topic: 'quarantine', app: '{App}' }],
    ['why was {person} skipped in {app}', { topic: 'skipped', principal: '{person}', app: '{App}' }],
    ['pause {app}', { command: 'pauseProvisioning', app: '{App}' }],
  ];
  const misspelt = list
    .filter((f) => f.App.length >= 6 && !f.App.includes(' '))
    .map((f) => ({ ...f, app: typo(f.app) }));
  build(typos, misspelt, (e) => (e.command ? `command ${e.command}` : e.topic!), seen, out);
  return out;
}
