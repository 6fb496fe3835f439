import { describe, expect, it } from 'vitest';
import type { Intent, RemedyVerb, Topic } from '../domain/types';
import { foldText } from './fuzzy';
import { cleanUtterance, MAX_UTTERANCE_LENGTH } from './normalize';
import { understand } from './understand';

type Expected = { topic: Topic; principal?: string; app?: string; auditVerb?: RemedyVerb; alerts?: Intent['alerts'] };

// [utterance, expected]. Names are compared after foldText (case and accents); topic, both names, the audit
// verb and the alert action (with its hours) must be right for an utterance to count as understood.
const TABLE: Array<[string, Expected]> = [
  // skipped: the brief's own phrasings
  ['why was jane skipped?', { topic: 'skipped', principal: 'jane' }],
  ['jane got skipped in Salesforce', { topic: 'skipped', principal: 'jane', app: 'Salesforce' }],
  ["why wasn't Tomás provisioned to Slack", { topic: 'skipped', principal: 'Tomás', app: 'Slack' }],
  ["jane isn't showing up in ServiceNow", { topic: 'skipped', principal: 'jane', app: 'ServiceNow' }],
  ["why is Liam O'Brien not in Zoom", { topic: 'skipped', principal: "Liam O'Brien", app: 'Zoom' }],
  ['user alex.wilber@contoso.com was not created in Dropbox', { topic: 'skipped', principal: 'alex.wilber@contoso.com', app: 'Dropbox' }],
  ["why didn't the Marketing group sync to Atlassian", { topic: 'skipped', principal: 'Marketing', app: 'Atlassian' }],
  ['jane not provisioned', { topic: 'skipped', principal: 'jane' }],
  ['who was skipped in Salesforce?', { topic: 'list', app: 'Salesforce' }],
  // skipped: other phrasings
  ['Why was Jane Doe skipped in Salesforce Sandbox?', { topic: 'skipped', principal: 'Jane Doe', app: 'Salesforce Sandbox' }],
  ['why did jane get skipped', { topic: 'skipped', principal: 'jane' }],
  ['was bob provisioned to Box?', { topic: 'skipped', principal: 'bob', app: 'Box' }],
  ['is Tomás García provisioned in Slack?', { topic: 'skipped', principal: 'Tomás García', app: 'Slack' }],
  ['has alex@contoso.com been created in Dropbox Business yet', { topic: 'skipped', principal: 'alex@contoso.com', app: 'Dropbox Business' }],
  ["Liam O'Brien's account wasn't created in Zoom", { topic: 'skipped', principal: "Liam O'Brien", app: 'Zoom' }],
  ["why isn't Liam O'Brien showing up in Zoom?", { topic: 'skipped', principal: "Liam O'Brien", app: 'Zoom' }],
  ["why isn't jane in Slack", { topic: 'skipped', principal: 'jane', app: 'Slack' }],
  ['why is Marketing group not syncing to Atlassian Cloud?', { topic: 'skipped', principal: 'Marketing', app: 'Atlassian Cloud' }],
  ["members of the Sales group weren't provisioned to Slack", { topic: 'skipped', principal: 'Sales', app: 'Slack' }],
  ['which users were skipped in Workday?', { topic: 'list', app: 'Workday' }],
  ['were any users skipped in Slack today?', { topic: 'list', app: 'Slack' }],
  ['show me skipped users for ServiceNow', { topic: 'list', app: 'ServiceNow' }],
  ['list skipped users', { topic: 'list' }],
  ['why are users being skipped in the Salesforce app?', { topic: 'list', app: 'Salesforce' }],
  ['jane doe skipped', { topic: 'skipped', principal: 'jane doe' }],
  ['skipped: jane doe', { topic: 'skipped', principal: 'jane doe' }],
  ['why does jane keep getting skipped in Slack', { topic: 'skipped', principal: 'jane', app: 'Slack' }],
  ['jane has still not been provisioned to GitHub Enterprise Managed User', { topic: 'skipped', principal: 'jane', app: 'GitHub Enterprise Managed User' }],
  ['did Zoë get provisioned into Miro?', { topic: 'skipped', principal: 'Zoë', app: 'Miro' }],
  ['Jane Doe in Salesforce got skipped', { topic: 'skipped', principal: 'Jane Doe', app: 'Salesforce' }],
  ['how come jane.doe@contoso.com was not provisioned', { topic: 'skipped', principal: 'jane.doe@contoso.com' }],
  ["can you tell me if jane was provisioned to Slack", { topic: 'skipped', principal: 'jane', app: 'Slack' }],
  ["I'd like to know why Priya Patel is missing from Workplace", { topic: 'skipped', principal: 'Priya Patel', app: 'Workplace' }],
  ["why wasn't the Finance group provisioned in Tableau?", { topic: 'skipped', principal: 'Finance', app: 'Tableau' }],
  ["jean-luc picard wasn't synced to Jira", { topic: 'skipped', principal: 'jean-luc picard', app: 'Jira' }],
  ['why is jane excluded from Slack provisioning?', { topic: 'skipped', principal: 'jane', app: 'Slack' }],
  ['why was jane deprovisioned from Box', { topic: 'deprovisioning', principal: 'jane', app: 'Box' }],
  ["my colleague Ana isn't appearing in Zoom", { topic: 'skipped', principal: 'Ana', app: 'Zoom' }],
  ['jane is out of scope in Salesforce?', { topic: 'skipped', principal: 'jane', app: 'Salesforce' }],
  ['why was jane skipped, thanks', { topic: 'skipped', principal: 'jane' }],
  ['why was jane skipped in Slack yesterday?', { topic: 'skipped', principal: 'jane', app: 'Slack' }],
  ['jane skipped in slack', { topic: 'skipped', principal: 'jane', app: 'slack' }],
  ['Why Was Kenji Watanabe Skipped In Zoom', { topic: 'skipped', principal: 'Kenji Watanabe', app: 'Zoom' }],
  ['WHY WAS JANE SKIPPED IN SLACK', { topic: 'skipped', principal: 'JANE', app: 'SLACK' }],
  ['why wasnt jane provisioned to slack', { topic: 'skipped', principal: 'jane', app: 'slack' }],
  ['why was Mr. Smith skipped?', { topic: 'skipped', principal: 'Mr. Smith' }],
  ['was the "Sales EMEA" group created in Slack?', { topic: 'skipped', principal: 'Sales EMEA', app: 'Slack' }],
  ['in Salesforce, why was jane skipped?', { topic: 'skipped', principal: 'jane', app: 'Salesforce' }],
  ["why didn't Renée get created in Dropbox Business", { topic: 'skipped', principal: 'Renée', app: 'Dropbox Business' }],
  ['j.doe not synced to Box', { topic: 'skipped', principal: 'j.doe', app: 'Box' }],
  ['why is user 12345 not provisioned to Zoom', { topic: 'skipped', principal: '12345', app: 'Zoom' }],
  ['why was Sofía skipped on Slack', { topic: 'skipped', principal: 'Sofía', app: 'Slack' }],
  // skipped: typos
  ['why was jane skiped', { topic: 'skipped', principal: 'jane' }],
  ['why wasnt jane provisoned to Slack', { topic: 'skipped', principal: 'jane', app: 'Slack' }],
  ['jane got skippd in Salesforce', { topic: 'skipped', principal: 'jane', app: 'Salesforce' }],
  ['why was bob not provisionned in Box', { topic: 'skipped', principal: 'bob', app: 'Box' }],
  ['jane wasnt creatd in Dropbox', { topic: 'skipped', principal: 'jane', app: 'Dropbox' }],
  // skipped: quotes, mentions, markup, politeness
  ["why was 'Liam O'Brien' skipped", { topic: 'skipped', principal: "Liam O'Brien" }],
  ['why was "Jane Doe" skipped in "Salesforce Sandbox"?', { topic: 'skipped', principal: 'Jane Doe', app: 'Salesforce Sandbox' }],
  ['why was \u201cLiam O\u2019Brien\u201d skipped in Zoom', { topic: 'skipped', principal: "Liam O'Brien", app: 'Zoom' }],
  ['hey bot, could you please tell me why jane was skipped, thanks!', { topic: 'skipped', principal: 'jane' }],
  ['<at>Provisioning Assistant</at> why was jane skipped?', { topic: 'skipped', principal: 'jane' }],
  ['<p><at>Provisioning Assistant</at>&nbsp;why was jane skipped in Salesforce?</p>', { topic: 'skipped', principal: 'jane', app: 'Salesforce' }],
  ['Hi <at>ProvBot</at>, why wasn\u2019t Tomás provisioned?', { topic: 'skipped', principal: 'Tomás' }],
  ['why was <at>Jane Doe</at> skipped in Slack', { topic: 'skipped', principal: 'Jane Doe', app: 'Slack' }],
  ['why was jane skipped <at>ProvBot</at>', { topic: 'skipped', principal: 'jane' }],
  ['@ProvBot jane got skipped in Slack', { topic: 'skipped', principal: 'jane', app: 'Slack' }],
  ['<div>why was <b>jane</b> skipped in <i>Box</i>?</div>', { topic: 'skipped', principal: 'jane', app: 'Box' }],
  ['why was jane&#39;s account skipped in Slack', { topic: 'skipped', principal: 'jane', app: 'Slack' }],
  ['could you kindly check whether Jane Doe was provisioned to ServiceNow please', { topic: 'skipped', principal: 'Jane Doe', app: 'ServiceNow' }],
  ['please explain why Ahmed was skipped in Zoom, cheers', { topic: 'skipped', principal: 'Ahmed', app: 'Zoom' }],
  ['hello! why\u200b was jane skipped?', { topic: 'skipped', principal: 'jane' }],

  // quarantine
  ['is ServiceNow provisioning in quarantine?', { topic: 'quarantine', app: 'ServiceNow' }],
  ['servicenow quarantined?', { topic: 'quarantine', app: 'servicenow' }],
  ['why is Dropbox in quarantine', { topic: 'quarantine', app: 'Dropbox' }],
  ['quarantine status of workday', { topic: 'quarantine', app: 'workday' }],
  ['clear quarantine for Slack', { topic: 'quarantine', app: 'Slack' }],
  ['is Salesforce Sandbox quarantined', { topic: 'quarantine', app: 'Salesforce Sandbox' }],
  ['why did provisioning to Atlassian Cloud go into quarantine?', { topic: 'quarantine', app: 'Atlassian Cloud' }],
  ['is zoom in quarantien', { topic: 'quarantine', app: 'zoom' }],
  ['Is the GitHub Enterprise Managed User app quarantined?', { topic: 'quarantine', app: 'GitHub Enterprise Managed User' }],
  ['<at>Provisioning Assistant</at> is Box in quarantine?', { topic: 'quarantine', app: 'Box' }],
  ['get Tableau out of quarantine please', { topic: 'quarantine', app: 'Tableau' }],
  ['quarantine?', { topic: 'quarantine' }],
  ['how long has Slack been quarantined', { topic: 'quarantine', app: 'Slack' }],
  ['is there a quarantine on the Workday connector', { topic: 'quarantine', app: 'Workday' }],
  ['release ServiceNow from quarantine', { topic: 'quarantine', app: 'ServiceNow' }],
  ['qurantine Zoom?', { topic: 'quarantine', app: 'Zoom' }],

  // status
  ['how is ServiceNow doing?', { topic: 'status', app: 'ServiceNow' }],
  ['status of Salesforce provisioning', { topic: 'status', app: 'Salesforce' }],
  ["what's the current status of Zoom", { topic: 'status', app: 'Zoom' }],
  ['show provisioning logs for Slack', { topic: 'status', app: 'Slack' }],
  ['any errors in Box sync?', { topic: 'status', app: 'Box' }],
  ['last cycle for Tableau', { topic: 'status', app: 'Tableau' }],
  ['statis of Dropbox Business', { topic: 'status', app: 'Dropbox Business' }],
  ['is Slack provisioning healthy?', { topic: 'status', app: 'Slack' }],
  ["what's wrong with Workday provisioning", { topic: 'status', app: 'Workday' }],
  ['Salesforce Sandbox status', { topic: 'status', app: 'Salesforce Sandbox' }],
  ['how did the last run go for Jira?', { topic: 'status', app: 'Jira' }],
  ['give me an overview of Atlassian Cloud', { topic: 'status', app: 'Atlassian Cloud' }],
  ['is Zoom provisioning working?', { topic: 'status', app: 'Zoom' }],
  ['hey, how is the sync to Miro going?', { topic: 'status', app: 'Miro' }],
  ['provisioning errors for ServiceNow this week', { topic: 'list', app: 'ServiceNow' }],
  ['check Slack', { topic: 'status', app: 'Slack' }],
  ['why is Dropbox failing?', { topic: 'status', app: 'Dropbox' }],
  ['<p>status of <b>Zoom</b>&nbsp;please</p>', { topic: 'status', app: 'Zoom' }],
  ['any problems with GitHub Enterprise Managed User?', { topic: 'status', app: 'GitHub Enterprise Managed User' }],
  ['show me the provisioning log of servicenow', { topic: 'status', app: 'servicenow' }],

  // credentials
  ['test the connection to ServiceNow', { topic: 'credentials', app: 'ServiceNow' }],
  ['test connection for Slack', { topic: 'credentials', app: 'Slack' }],
  ['are the Zoom credentials ok?', { topic: 'credentials', app: 'Zoom' }],
  ['ServiceNow says unauthorized', { topic: 'credentials', app: 'ServiceNow' }],
  ['secret token expired for GitHub', { topic: 'credentials', app: 'GitHub' }],
  ['authorization failed Salesforce', { topic: 'credentials', app: 'Salesforce' }],
  ['Dropbox returns 401', { topic: 'credentials', app: 'Dropbox' }],
  ['check the credentails for Box', { topic: 'credentials', app: 'Box' }],
  ['did the secret token for Atlassian Cloud expire?', { topic: 'credentials', app: 'Atlassian Cloud' }],
  ['validate credentials of Salesforce Sandbox', { topic: 'credentials', app: 'Salesforce Sandbox' }],
  ['Slack is throwing authentication errors', { topic: 'credentials', app: 'Slack' }],
  ['can you test connectivity to Workday?', { topic: 'credentials', app: 'Workday' }],
  ['the tenant url for Zoom might be wrong', { topic: 'credentials', app: 'Zoom' }],
  ['Tableau gives forbidden', { topic: 'credentials', app: 'Tableau' }],
  ['unauthorised error from jira', { topic: 'credentials', app: 'jira' }],

  // not-started
  ["Zoom provisioning doesn't start", { topic: 'not-started', app: 'Zoom' }],
  ['why is Tableau stuck?', { topic: 'not-started', app: 'Tableau' }],
  ['provisioning for Zoom never ran', { topic: 'not-started', app: 'Zoom' }],
  ['Slack provisioning is taking forever', { topic: 'not-started', app: 'Slack' }],
  ['Tableau is paused', { topic: 'not-started', app: 'Tableau' }],
  ['nothing is happening with Zoom provisioning', { topic: 'not-started', app: 'Zoom' }],
  ['initial cycle still running for Slack?', { topic: 'not-started', app: 'Slack' }],
  ["provisioning to ServiceNow hasn't started yet", { topic: 'not-started', app: 'ServiceNow' }],
  ["why won't Dropbox Business provisioning start", { topic: 'not-started', app: 'Dropbox Business' }],
  ['the first cycle for Salesforce Sandbox takes so long', { topic: 'not-started', app: 'Salesforce Sandbox' }],
  ['Atlassian Cloud sync is stuk', { topic: 'not-started', app: 'Atlassian Cloud' }],
  ['why is Workday provisioning hanging?', { topic: 'not-started', app: 'Workday' }],
  ['is the initial sync for Box still going?', { topic: 'not-started', app: 'Box' }],
  ['Jira never started provisioning', { topic: 'not-started', app: 'Jira' }],
  ['zoom provisoning is not running', { topic: 'not-started', app: 'zoom' }],
  ['why is provisioning for Miro paused?', { topic: 'not-started', app: 'Miro' }],

  // audit: the brief's own phrasings
  ['audit', { topic: 'audit' }],
  ['audit log', { topic: 'audit' }],
  ['show the audit trail', { topic: 'audit' }],
  ['who restarted tableau?', { topic: 'history', app: 'tableau', auditVerb: 'restartProvisioning' }],
  ['who cleared the quarantine on ServiceNow', { topic: 'history', app: 'ServiceNow', auditVerb: 'clearQuarantine' }],
  ['what actions were taken on Salesforce?', { topic: 'audit', app: 'Salesforce' }],
  ['recent actions', { topic: 'audit' }],
  ['who re-assigned jane?', { topic: 'history', principal: 'jane', auditVerb: 'reassignUser' }],
  ['history of changes to Zoom provisioning', { topic: 'history', app: 'Zoom' }],
  ['did anyone restart Slack today?', { topic: 'history', app: 'Slack', auditVerb: 'restartProvisioning' }],
  ['who provisioned Megan on demand', { topic: 'history', principal: 'Megan', auditVerb: 'provisionOnDemand' }],
  // audit: other phrasings
  ['Show me the audit log for Workday', { topic: 'audit', app: 'Workday' }],
  ['audit trail for Salesforce Sandbox please', { topic: 'audit', app: 'Salesforce Sandbox' }],
  ['who restarted provisioning for Dropbox Business yesterday?', { topic: 'history', app: 'Dropbox Business', auditVerb: 'restartProvisioning' }],
  ['who cleared quarantine for Box', { topic: 'history', app: 'Box', auditVerb: 'clearQuarantine' }],
  ['who released ServiceNow from quarantine?', { topic: 'history', app: 'ServiceNow', auditVerb: 'clearQuarantine' }],
  ['did somebody clear the quarantine on Atlassian Cloud', { topic: 'history', app: 'Atlassian Cloud', auditVerb: 'clearQuarantine' }],
  ['who tested the connection to Jira', { topic: 'history', app: 'Jira', auditVerb: 'testConnection' }],
  ['has anyone tested the Zoom connection?', { topic: 'history', app: 'Zoom', auditVerb: 'testConnection' }],
  ['who ran a test connection on Box', { topic: 'history', app: 'Box', auditVerb: 'testConnection' }],
  ['who started the Workday provisioning', { topic: 'history', app: 'Workday', auditVerb: 'startProvisioning' }],
  ['who kicked off provisioning for GitHub Enterprise Managed User', { topic: 'history', app: 'GitHub Enterprise Managed User', auditVerb: 'startProvisioning' }],
  ['who reassigned Tomás García to Slack', { topic: 'history', principal: 'Tomás García', app: 'Slack', auditVerb: 'reassignUser' }],
  ['who re-assigned the Sales EMEA group in ServiceNow', { topic: 'history', principal: 'Sales EMEA', app: 'ServiceNow', auditVerb: 'reassignUser' }],
  ['who provisioned jane@contoso.com on demand to Zoom', { topic: 'history', principal: 'jane@contoso.com', app: 'Zoom', auditVerb: 'provisionOnDemand' }],
  ['did anyone provision Priya Patel on demand in Salesforce?', { topic: 'history', principal: 'Priya Patel', app: 'Salesforce', auditVerb: 'provisionOnDemand' }],
  ['latest actions on Tableau', { topic: 'audit', app: 'Tableau' }],
  ['recent changes to Miro provisioning', { topic: 'history', app: 'Miro' }],
  ['what remediations were performed on ServiceNow this week', { topic: 'audit', app: 'ServiceNow' }],
  ['any actions taken on Box today?', { topic: 'audit', app: 'Box' }],
  ['when was Slack last restarted', { topic: 'history', app: 'Slack', auditVerb: 'restartProvisioning' }],
  ['has someone restarted Tableau since Monday?', { topic: 'history', app: 'Tableau', auditVerb: 'restartProvisioning' }],
  ["who's restarted Slack?", { topic: 'history', app: 'Slack', auditVerb: 'restartProvisioning' }],
  ["who restarted 'Zoom Phone'?", { topic: 'history', app: 'Zoom Phone', auditVerb: 'restartProvisioning' }],
  ['WHO CLEARED THE QUARANTINE ON BOX', { topic: 'history', app: 'BOX', auditVerb: 'clearQuarantine' }],
  ['<at>Provisioning Assistant</at> audit log', { topic: 'audit' }],
  ['audti log for Zoom', { topic: 'audit', app: 'Zoom' }],
  ['who restrated Slack', { topic: 'history', app: 'Slack', auditVerb: 'restartProvisioning' }],
  ['who reasigned jane', { topic: 'history', principal: 'jane', auditVerb: 'reassignUser' }],
  ['test connection history for Slack', { topic: 'history', app: 'Slack', auditVerb: 'testConnection' }],
  // an app's history (issue 12): the bot's actions, Entra's audit log and the job's cycles
  ['what has been done on Workday', { topic: 'history', app: 'Workday', historyFocus: 'all' }],
  ["why is siobhán's job title wrong in Zendesk?", { topic: 'mapping', principal: 'siobhán', app: 'Zendesk' }],

  // alerts: the brief's own phrasings
  ['alerts on', { topic: 'alerts', alerts: { action: 'on' } }],
  ['alerts on Salesforce', { topic: 'alerts', app: 'Salesforce', alerts: { action: 'on' } }],
  ['alerts off', { topic: 'alerts', alerts: { action: 'off' } }],
  ['alerts off for Zoom', { topic: 'alerts', app: 'Zoom', alerts: { action: 'off' } }],
  ['alerts', { topic: 'alerts', alerts: { action: 'list' } }],
  ['which alerts are on?', { topic: 'alerts', alerts: { action: 'list' } }],
  ['list alerts', { topic: 'alerts', alerts: { action: 'list' } }],
  ['stop alerting', { topic: 'alerts', alerts: { action: 'off' } }],
  ['turn on alerts for ServiceNow', { topic: 'alerts', app: 'ServiceNow', alerts: { action: 'on' } }],
  ['tell this channel when Salesforce provisioning breaks', { topic: 'alerts', app: 'Salesforce', alerts: { action: 'on' } }],
  ['notify us if any provisioning job goes into quarantine', { topic: 'alerts', alerts: { action: 'on' } }],
  ['let me know when Slack provisioning fails', { topic: 'alerts', app: 'Slack', alerts: { action: 'on' } }],
  ['watch Tableau provisioning', { topic: 'alerts', app: 'Tableau', alerts: { action: 'on' } }],
  ['stop watching Zoom', { topic: 'alerts', app: 'Zoom', alerts: { action: 'off' } }],
  ['unsubscribe', { topic: 'alerts', alerts: { action: 'off' } }],
  ['mute Slack alerts for 24 hours', { topic: 'alerts', app: 'Slack', alerts: { action: 'mute', hours: 24 } }],
  ['mute alerts for ServiceNow', { topic: 'alerts', app: 'ServiceNow', alerts: { action: 'mute', hours: 24 } }],
  // alerts: other phrasings
  ['<at>Provisioning Assistant</at> alerts on', { topic: 'alerts', alerts: { action: 'on' } }],
  ['Alerts on ServiceNow please', { topic: 'alerts', app: 'ServiceNow', alerts: { action: 'on' } }],
  ['hey bot, alerts on for Zoom please', { topic: 'alerts', app: 'Zoom', alerts: { action: 'on' } }],
  ['can you turn on alerts for GitHub Enterprise Managed User?', { topic: 'alerts', app: 'GitHub Enterprise Managed User', alerts: { action: 'on' } }],
  ['enable alerts for all apps', { topic: 'alerts', alerts: { action: 'on' } }],
  ['subscribe this channel to Zoom alerts', { topic: 'alerts', app: 'Zoom', alerts: { action: 'on' } }],
  ['subscribe to alerts for "Salesforce Sandbox"', { topic: 'alerts', app: 'Salesforce Sandbox', alerts: { action: 'on' } }],
  ['alert me if Workday provisioning fails', { topic: 'alerts', app: 'Workday', alerts: { action: 'on' } }],
  ['let us know whenever Jira provisioning breaks', { topic: 'alerts', app: 'Jira', alerts: { action: 'on' } }],
  ['warn us when Dropbox Business crashes', { topic: 'alerts', app: 'Dropbox Business', alerts: { action: 'on' } }],
  ['post in this channel if any job gets quarantined', { topic: 'alerts', alerts: { action: 'on' } }],
  ['message the channel if Slack gets quarantined', { topic: 'alerts', app: 'Slack', alerts: { action: 'on' } }],
  ['keep an eye on Salesforce Sandbox', { topic: 'alerts', app: 'Salesforce Sandbox', alerts: { action: 'on' } }],
  ['monitor Slack provisioning for me', { topic: 'alerts', app: 'Slack', alerts: { action: 'on' } }],
  ['unmute Slack', { topic: 'alerts', app: 'Slack', alerts: { action: 'on' } }],
  ['alrets on', { topic: 'alerts', alerts: { action: 'on' } }],
  ['turn alerts off for Slack', { topic: 'alerts', app: 'Slack', alerts: { action: 'off' } }],
  ['no more alerts for Box', { topic: 'alerts', app: 'Box', alerts: { action: 'off' } }],
  ["don't alert us about Slack anymore", { topic: 'alerts', app: 'Slack', alerts: { action: 'off' } }],
  ['unsubscribe from Zoom alerts', { topic: 'alerts', app: 'Zoom', alerts: { action: 'off' } }],
  ['stop monitoring Miro', { topic: 'alerts', app: 'Miro', alerts: { action: 'off' } }],
  ['stop sending alerts about Salesforce', { topic: 'alerts', app: 'Salesforce', alerts: { action: 'off' } }],
  ['what are we watching?', { topic: 'alerts', alerts: { action: 'list' } }],
  ['are alerts on for Slack?', { topic: 'alerts', app: 'Slack', alerts: { action: 'list' } }],
  ['show my subscriptions', { topic: 'alerts', alerts: { action: 'list' } }],
  ['which apps are muted?', { topic: 'alerts', alerts: { action: 'list' } }],
  ['mute Zoom for 2 days', { topic: 'alerts', app: 'Zoom', alerts: { action: 'mute', hours: 48 } }],
  ['snooze Workday alerts for an hour', { topic: 'alerts', app: 'Workday', alerts: { action: 'mute', hours: 1 } }],
  ['mute Slack alerts for 24h', { topic: 'alerts', app: 'Slack', alerts: { action: 'mute', hours: 24 } }],
  ['mute Tableau alerts for a week', { topic: 'alerts', app: 'Tableau', alerts: { action: 'mute', hours: 168 } }],
  ['silence Miro alerts for 30 minutes', { topic: 'alerts', app: 'Miro', alerts: { action: 'mute', hours: 0.5 } }],
  // alerts: written after the rules above, as a held-out check; its misses taught "hrs", "get notified" and
  // "want", and one stays a known miss: "ping" is no keyword, as Ping Identity is an app
  ['please set up alerts for Atlassian Cloud', { topic: 'alerts', app: 'Atlassian Cloud', alerts: { action: 'on' } }],
  ['ping this channel if Box sync fails', { topic: 'alerts', app: 'Box', alerts: { action: 'on' } }],
  ['can we get notified when ServiceNow provisioning breaks?', { topic: 'alerts', app: 'ServiceNow', alerts: { action: 'on' } }],
  ['disable notifications for Tableau', { topic: 'alerts', app: 'Tableau', alerts: { action: 'off' } }],
  ['what alerts do we have?', { topic: 'alerts', alerts: { action: 'list' } }],
  ['snooze Jira for 12 hrs', { topic: 'alerts', app: 'Jira', alerts: { action: 'mute', hours: 12 } }],
  ['I want alerts for Zoom in this channel', { topic: 'alerts', app: 'Zoom', alerts: { action: 'on' } }],
  ['stop the Slack alerts', { topic: 'alerts', app: 'Slack', alerts: { action: 'off' } }],
  // alerts: a second held-out batch, not tuned on
  ['turn on provisioning alerts', { topic: 'alerts', alerts: { action: 'on' } }],
  ['could you notify this chat when Workday provisioning goes into quarantine', { topic: 'alerts', app: 'Workday', alerts: { action: 'on' } }],
  ['we no longer need alerts for Dropbox', { topic: 'alerts', app: 'Dropbox', alerts: { action: 'off' } }],
  ['mute ServiceNow for 8 hours please', { topic: 'alerts', app: 'ServiceNow', alerts: { action: 'mute', hours: 8 } }],
  ['show the alert subscriptions for this channel', { topic: 'alerts', alerts: { action: 'list' } }],
  ['alerts off Salesforce Sandbox', { topic: 'alerts', app: 'Salesforce Sandbox', alerts: { action: 'off' } }],
  ['start watching the Box app', { topic: 'alerts', app: 'Box', alerts: { action: 'on' } }],
  ['Unsubscribe this channel from all alerts', { topic: 'alerts', alerts: { action: 'off' } }],

  // help and guesses
  ['help', { topic: 'help' }],
  ['what can you do?', { topic: 'help' }],
  ['hi', { topic: 'help' }],
  ['?', { topic: 'help' }],
  ['', { topic: 'help' }],
  ['asdkjh qwpoeiru zxcmnv', { topic: 'help' }],
  ['Hello there!', { topic: 'help' }],
  ['<at>Provisioning Assistant</at> help', { topic: 'help' }],
  ['what do you do', { topic: 'help' }],
  ['thanks!', { topic: 'help' }],

  // written after the rules above, as a held-out check (the two at the end are known misses: the app comes first)
  ['Why has Maria not been provisioned into ServiceNow?', { topic: 'skipped', principal: 'Maria', app: 'ServiceNow' }],
  ['can u check why john smith is not in salesforce', { topic: 'skipped', principal: 'john smith', app: 'salesforce' }],
  ['john smith missing in Slack', { topic: 'skipped', principal: 'john smith', app: 'Slack' }],
  ['John Smith is not showing in Workday', { topic: 'skipped', principal: 'John Smith', app: 'Workday' }],
  ['why was the Engineering team skipped in GitHub', { topic: 'skipped', principal: 'Engineering', app: 'GitHub' }],
  ['user jane@contoso.com skipped in Zoom?', { topic: 'skipped', principal: 'jane@contoso.com', app: 'Zoom' }],
  ['why was jane doe (jane@contoso.com) skipped', { topic: 'skipped', principal: 'jane doe' }],
  ['why did provisioning skip jane in Slack', { topic: 'skipped', principal: 'jane', app: 'Slack' }],
  ["Jane O'Neil didn't get an account in Slack", { topic: 'skipped', principal: "Jane O'Neil", app: 'Slack' }],
  ["why doesn't Ahmed have a Zoom account", { topic: 'skipped', principal: 'Ahmed', app: 'Zoom' }],
  ["why isn't Jane in the Sales group in Salesforce", { topic: 'skipped', principal: 'Jane', app: 'Salesforce' }],
  ["was Bob's account provisioned to Zoom", { topic: 'skipped', principal: 'Bob', app: 'Zoom' }],
  ['Dr. Ruth Weiss not provisioned to Box', { topic: 'skipped', principal: 'Dr. Ruth Weiss', app: 'Box' }],
  ['why are new hires not showing up in Workday', { topic: 'skipped', app: 'Workday' }],
  ['hey, quick one: why did María José López not get provisioned to Salesforce?', { topic: 'skipped', principal: 'María José López', app: 'Salesforce' }],
  ['skipped users in Atlassian Cloud please', { topic: 'list', app: 'Atlassian Cloud' }],
  ['why would jane be skipped in ServiceNow', { topic: 'skipped', principal: 'jane', app: 'ServiceNow' }],
  ['jane is skipped by the scoping filter in Zoom', { topic: 'skipped', principal: 'jane', app: 'Zoom' }],
  ["who hasn't been provisioned to Slack", { topic: 'list', app: 'Slack' }],
  ["Tom's account wasn't created in Box", { topic: 'skipped', principal: 'Tom', app: 'Box' }],
  ['<at>Prov Bot</at> <p>Why was <strong>Émilie Dubois</strong> skipped?</p>', { topic: 'skipped', principal: 'Émilie Dubois' }],
  ["why was the group 'All Staff' not synced to Slack", { topic: 'skipped', principal: 'All Staff', app: 'Slack' }],
  ['check if Jane Doe was synced to Salesforce Sandbox', { topic: 'skipped', principal: 'Jane Doe', app: 'Salesforce Sandbox' }],
  ['Is ServiceNow quarantined right now?', { topic: 'quarantine', app: 'ServiceNow' }],
  ["Is ServiceNow's provisioning quarantined", { topic: 'quarantine', app: 'ServiceNow' }],
  ["how's Dropbox looking", { topic: 'status', app: 'Dropbox' }],
  ['what happened to Zoom provisioning', { topic: 'status', app: 'Zoom' }],
  ['did the Slack sync fail last night?', { topic: 'status', app: 'Slack' }],
  ['why is provisioning to Box not working', { topic: 'status', app: 'Box' }],
  ['SLACK STATUS??', { topic: 'status', app: 'SLACK' }],
  ['test ServiceNow credentials', { topic: 'credentials', app: 'ServiceNow' }],
  ['why does Salesforce keep returning 403', { topic: 'credentials', app: 'Salesforce' }],
  ['can you test the Zoom connection', { topic: 'credentials', app: 'Zoom' }],
  ['401 from Slack SCIM endpoint', { topic: 'credentials', app: 'Slack' }],
  ["Box provisioning hasn't run in days", { topic: 'not-started', app: 'Box' }],
  ['When will Tableau provisioning start?', { topic: 'not-started', app: 'Tableau' }],
  ['why is the provisioning for Salesforce so slow', { topic: 'not-started', app: 'Salesforce' }],
  ['Miro provisioning has been running for 3 days', { topic: 'not-started', app: 'Miro' }],
  ['is the initial cycle done for Tableau?', { topic: 'not-started', app: 'Tableau' }],
  ['restart provisioning for Slack', { topic: 'not-started', app: 'Slack' }],
  ['good morning', { topic: 'help' }],
  ['Slack skipped jane', { topic: 'skipped', principal: 'jane', app: 'Slack' }],
  ['Zoom: why was Bob skipped?', { topic: 'skipped', principal: 'Bob', app: 'Zoom' }],
];

function fullyCorrect(actual: Intent, expected: Expected): boolean {
  const same = (a?: string, b?: string) => (a === undefined ? b === undefined : b !== undefined && foldText(a) === foldText(b));
  return (
    actual.topic === expected.topic &&
    same(actual.principal, expected.principal) &&
    same(actual.app, expected.app) &&
    actual.auditVerb === expected.auditVerb &&
    actual.alerts?.action === expected.alerts?.action &&
    actual.alerts?.hours === expected.alerts?.hours
  );
}

describe('understand: utterance table', () => {
  it('has a varied table of at least 120 utterances', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(120);
    expect(new Set(TABLE.map(([u]) => u)).size).toBe(TABLE.length);
  });

  it('understands at least 95% of the table fully (topic, principal, app and audit verb)', () => {
    const misses = TABLE.filter(([utterance, expected]) => !fullyCorrect(understand(utterance), expected)).map(
      ([utterance, expected]) => ({ utterance, expected, actual: understand(utterance) }),
    );
    const correct = TABLE.length - misses.length;
    console.log(`understand accuracy: ${correct}/${TABLE.length} = ${((100 * correct) / TABLE.length).toFixed(1)}%`);
    if (misses.length) console.log('misunderstood:', JSON.stringify(misses, null, 1));
    expect(correct / TABLE.length).toBeGreaterThanOrEqual(0.95);
  });
});

describe('understand: audit questions', () => {
  it('keeps questions that merely mention an action or "who" on their own topics', () => {
    expect(understand('test the connection to ServiceNow')).toEqual({ topic: 'credentials', app: 'ServiceNow' });
    expect(understand('why is Tableau stuck after restart')).toEqual({ topic: 'not-started', app: 'Tableau' });
    expect(understand('restart provisioning for Slack')).toEqual({ topic: 'not-started', app: 'Slack', command: { verb: 'restartProvisioning' } });
    expect(understand('can someone restart Slack')).toEqual({ topic: 'not-started', app: 'Slack' });
    expect(understand('Slack got stuck when I restarted it')).toEqual({ topic: 'not-started', app: 'Slack' });
    expect(understand('is ServiceNow in quarantine')).toEqual({ topic: 'quarantine', app: 'ServiceNow' });
    expect(understand('clear quarantine for Slack')).toEqual({ topic: 'quarantine', app: 'Slack', command: { verb: 'clearQuarantine' } });
    expect(understand('who was skipped in Salesforce?')).toEqual({ topic: 'list', app: 'Salesforce' });
    expect(understand("who hasn't been provisioned to Slack")).toEqual({ topic: 'list', app: 'Slack' });
    expect(understand('did anyone get skipped in Slack?')).toEqual({ topic: 'list', app: 'Slack' });
  });

  it('names the action asked about, and none when no action is named', () => {
    const verb = (text: string) => understand(text).auditVerb;
    expect(verb('who restarted Zoom')).toBe('restartProvisioning');
    expect(verb('who cleared the quarantine on Zoom')).toBe('clearQuarantine');
    expect(verb('who started provisioning for Zoom')).toBe('startProvisioning');
    expect(verb('who tested the connection to Zoom')).toBe('testConnection');
    expect(verb('who reassigned jane in Zoom')).toBe('reassignUser');
    expect(verb('who started provisioning jane on demand in Zoom')).toBe('provisionOnDemand');
    expect(verb('audit log for Zoom')).toBeUndefined();
    expect(understand('restart provisioning for Zoom')).not.toHaveProperty('auditVerb');
  });

  it('takes the user an action was done to as the principal, and the object of an app action as the app', () => {
    expect(understand('who re-assigned jane?')).toEqual({ topic: 'history', principal: 'jane', auditVerb: 'reassignUser' });
    expect(understand('who restarted Jane')).toEqual({ topic: 'history', app: 'Jane', auditVerb: 'restartProvisioning', historyFocus: 'restarts' });
    expect(understand('who provisioned Megan on demand in Slack')).toEqual({
      topic: 'history',
      principal: 'Megan',
      app: 'Slack',
      auditVerb: 'provisionOnDemand',
    });
  });
});

describe('understand: alert subscriptions', () => {
  it('keeps questions about now, and those that only look like requests, on their own topics', () => {
    expect(understand('is ServiceNow in quarantine?')).toEqual({ topic: 'quarantine', app: 'ServiceNow' });
    expect(understand('tell me if ServiceNow is quarantined')).toEqual({ topic: 'quarantine', app: 'ServiceNow' });
    expect(understand('why was jane skipped')).toEqual({ topic: 'skipped', principal: 'jane' });
    expect(understand('let me know why jane was skipped')).toEqual({ topic: 'skipped', principal: 'jane' });
    expect(understand('can you tell me if jane was provisioned to Slack')).toEqual({ topic: 'skipped', principal: 'jane', app: 'Slack' });
    expect(understand('audit')).toEqual({ topic: 'audit' });
    expect(understand('test the connection')).toEqual({ topic: 'credentials' });
    expect(understand('tell me if Slack is failing')).toEqual({ topic: 'status', app: 'Slack' });
    expect(understand('let me know if there are errors in Slack')).toEqual({ topic: 'status', app: 'Slack' });
    expect(understand('when will Tableau provisioning start?')).toEqual({ topic: 'not-started', app: 'Tableau' });
    expect(understand('is the Zoom job paused?')).toEqual({ topic: 'not-started', app: 'Zoom' });
    expect(understand('why did Pradeep Gupta fail in Atlassian')).toEqual({ topic: 'skipped', principal: 'Pradeep Gupta', app: 'Atlassian' });
    expect(understand('why did Slack fail?')).toEqual({ topic: 'status', app: 'Slack' });
    // Asked of the present: still a person's failure, never the app's health.
    expect(understand('is ravi still failing in zendesk', { apps: ['Zendesk'] })).toEqual({ topic: 'skipped', principal: 'ravi', app: 'Zendesk' });
    expect(understand('why is Ravi Patel stuck in Zendesk?', { apps: ['Zendesk'] })).toEqual({ topic: 'skipped', principal: 'Ravi Patel', app: 'Zendesk' });
    expect(understand('is provisioning still failing in zendesk', { apps: ['Zendesk'] })).toEqual({ topic: 'status', app: 'Zendesk' });
  });

  it('never reads a name one typo away from "alert" as an alert', () => {
    expect(understand('why was Albert skipped in Slack?')).toEqual({ topic: 'skipped', principal: 'Albert', app: 'Slack' });
    expect(understand('why was albert not provisioned')).toEqual({ topic: 'skipped', principal: 'albert' });
  });

  it('reads the action from the request, not from the incident it asks about', () => {
    expect(understand('let me know if Zoom provisioning stops')).toEqual({ topic: 'alerts', app: 'Zoom', alerts: { action: 'on' } });
    expect(understand("notify us if ServiceNow provisioning isn't running")).toEqual({
      topic: 'alerts',
      app: 'ServiceNow',
      alerts: { action: 'on' },
    });
    expect(understand('stop watching Zoom').alerts).toEqual({ action: 'off' });
  });

  it('lists the alerts when asked about them, even in words of another action', () => {
    expect(understand('is Slack muted?')).toEqual({ topic: 'alerts', app: 'Slack', alerts: { action: 'list' } });
    expect(understand('which apps are muted?').alerts).toEqual({ action: 'list' });
    expect(understand('are alerts on for Slack?').alerts).toEqual({ action: 'list' });
    expect(understand('when do alerts get posted?').alerts).toEqual({ action: 'list' });
  });

  it('mutes for 24 hours unless a duration is named, and never takes the duration for the app', () => {
    expect(understand('mute Slack')).toEqual({ topic: 'alerts', app: 'Slack', alerts: { action: 'mute', hours: 24 } });
    expect(understand('mute alerts for 3 days')).toEqual({ topic: 'alerts', alerts: { action: 'mute', hours: 72 } });
    expect(understand('mute alerts for 24h')).toEqual({ topic: 'alerts', alerts: { action: 'mute', hours: 24 } });
    expect(understand('snooze ServiceNow for 0 hours').alerts).toEqual({ action: 'mute', hours: 24 });
  });

  it('gives hours to a mute only, and an alert action to alert requests only', () => {
    expect(understand('alerts on for 2 days').alerts).toEqual({ action: 'on' });
    expect(understand('why was jane skipped in Slack')).not.toHaveProperty('alerts');
    expect(understand('status of Zoom')).not.toHaveProperty('alerts');
  });
});

describe('understand: odd input', () => {
  it('treats empty or blank text as a guess at help', () => {
    expect(understand('')).toEqual({ topic: 'help', guessed: true });
    expect(understand('   \n\t ')).toEqual({ topic: 'help', guessed: true });
    expect(understand(undefined as unknown as string)).toEqual({ topic: 'help', guessed: true });
  });

  it('treats gibberish as a guess at help, and an explicit help request as help', () => {
    // Words that can only be a name are kept aside: the answer to a "which one?" card, else not understood.
    expect(understand('flibber gorp')).toEqual({ topic: 'help', guessed: true, bareName: 'flibber gorp' });
    expect(understand('help')).toEqual({ topic: 'help' });
  });

  it('ignores a message that is only the bot mention', () => {
    expect(understand('<at>Provisioning Assistant</at>')).toEqual({ topic: 'help', guessed: true });
  });

  it('never takes the bot name from a mention as a subject', () => {
    const intent = understand('<at>Skipped Status Bot</at> why was jane skipped in Zoom?');
    expect(intent).toEqual({ topic: 'skipped', principal: 'jane', app: 'Zoom' });
  });

  it('answers a 20 KB message', () => {
    const huge = `why was jane skipped in Slack? ${'lorem ipsum <b>dolor</b> &amp; '.repeat(700)}`;
    expect(huge.length).toBeGreaterThan(20_000);
    expect(understand(huge)).toMatchObject({ topic: 'skipped', principal: 'jane', app: 'Slack' });
    const noSpaces = `<${'a'.repeat(20_000)}`;
    expect(understand(noSpaces).topic).toBe('help');
    const manyTags = '<at>'.repeat(5_000);
    expect(understand(manyTags).topic).toBe('help');
  });

  it('keeps filter-injection text inside a name as plain text (escaping happens at the Graph gateway)', () => {
    expect(understand("why was jane' or 1 eq 1 skipped?").principal).toBe("jane' or 1 eq 1");
    expect(understand(`why was "x' or startswith(displayName,'a')" skipped in Slack`)).toEqual({
      topic: 'skipped',
      principal: "x' or startswith(displayName,'a')",
      app: 'Slack',
    });
  });

  it('keeps accents and apostrophes of names as typed', () => {
    expect(understand("why wasn't Séverine D'Arcy provisioned to Zoom").principal).toBe("Séverine D'Arcy");
  });
});

describe('cleanUtterance', () => {
  it('removes the addressing mention, tags and entities, and makes quotes ASCII', () => {
    expect(cleanUtterance('<p><at>Bot</at>&nbsp;why was \u2018jane\u2019 skipped&#63;</p>')).toBe("why was 'jane' skipped?");
    expect(cleanUtterance('say \u201chi\u201d &amp; go')).toBe('say "hi" & go');
  });

  it('keeps the text of a mention inside the sentence', () => {
    expect(cleanUtterance('<at>Bot</at> why was <at>Jane Doe</at> skipped')).toBe('why was Jane Doe skipped');
  });

  it('removes zero-width characters', () => {
    expect(cleanUtterance('ja\u200bne\ufeff')).toBe('jane');
  });

  it('caps length at a word boundary', () => {
    const long = 'word '.repeat(1_000);
    const clean = cleanUtterance(long);
    expect(clean.length).toBeLessThanOrEqual(MAX_UTTERANCE_LENGTH);
    expect(clean.endsWith('word')).toBe(true);
  });

  it('returns an empty string for non-text', () => {
    expect(cleanUtterance(42 as unknown as string)).toBe('');
  });
});

describe('phrasings an independent review found misread by a first version of this session’s changes', () => {
  // Two made-up tenants' apps, so nothing here leans on the demo tenants' names.
  const names = { apps: ['Contoso Intranet', 'LinkedIn Learning', 'Box', 'Slack', 'Zendesk'] };
  it.each<[string, Partial<Intent> & Record<string, unknown>]>([
    // "there is/are" and "it's" point at nothing; a tenant-wide question stays tenant-wide.
    ['is there anything in quarantine?', { topic: 'quarantine', refersBack: undefined }],
    ['are there any failures this week?', { topic: 'list', refersBack: undefined }],
    ['is it just me or is provisioning broken everywhere', { refersBack: undefined }],
    ['why was jane skipped, is it the scoping filter?', { principal: 'jane', refersBack: undefined }],
    ['who failed there this week?', { topic: 'list', refersBack: true }],
    // A name without its company word never beats an app named in full.
    ["jane from learning and development isn't in box", { app: 'Box' }],
    ['why was the Intranet group skipped in slack', { app: 'Slack', principal: 'Intranet' }],
    // Given names and group names that look like fillers stay whole.
    ['why was Said Khan skipped in box', { principal: 'Said Khan' }],
    ['why was the HR Admins group skipped in zendesk', { principal: 'HR Admins' }],
    ['why was the finance reports group skipped in zendesk', { principal: 'finance reports' }],
    // A restart stays a restart unless a real name follows "for".
    ['restart provisioning for zendesk now in full', { command: { verb: 'restartProvisioning', restartOption: 'Full' } }],
    ['restart provisioning for everyone in zendesk', { command: { verb: 'restartProvisioning' }, principal: undefined }],
    // "login" as an attribute is not "access".
    ['what does zendesk get as the login', { topic: 'mapping', mapping: { kind: 'attribute', attribute: 'login' } }],
    ['why tho?', { followUp: undefined }],
    ['what does box get as the department for users in groups', { mapping: { kind: 'attribute', attribute: 'department' } }],
    // "disable her" is that person's removal, never a pause of the app.
    ['disable her now', { followUp: { kind: 'fix', removal: true }, command: undefined }],
    ['k', { bareName: undefined }],
  ])('%s', (text, expected) => {
    const intent = understand(text, names) as unknown as Record<string, unknown>;
    const absent = Object.keys(expected).filter((k) => expected[k] === undefined);
    for (const k of absent) expect(intent[k], k).toBeUndefined();
    expect(intent).toMatchObject(Object.fromEntries(Object.entries(expected).filter(([k]) => !absent.includes(k))));
  });

  it('reads the group mapping only for a question about groups, not about users in groups', () => {
    expect(understand('what does box get as the department for users in groups', names).mapping?.object).toBeUndefined();
    expect(understand("what's the matching attribute for box groups", names).mapping).toEqual({ kind: 'matching', object: 'group' });
  });
});

describe('typos of a command verb', () => {
  const names = { apps: ['ServiceNow', 'Zendesk', 'Slack'] };

  it.each([
    ['pasue servicenow', 'pauseProvisioning', 'ServiceNow'],
    ['restrat slack', 'restartProvisioning', 'Slack'],
    ['reasign tomas in slack', 'reassignUser', 'Slack'],
    ['provison jane to zendesk', 'provisionOnDemand', 'Zendesk'],
  ])('reads "%s" as the verb it misspells', (text, verb, app) => {
    expect(understand(text, names)).toMatchObject({ command: { verb }, app });
  });

  it.each([
    ['cause of slack failure', 'another letter in place of one: a word of its own'],
    ['paused slack since monday?', 'a letter added: an inflection, not a typo'],
    ['stat of slack', 'under five letters'],
  ])('leaves "%s" a question (%s)', (text) => {
    expect(understand(text, names)).not.toHaveProperty('command');
  });
});

/** The reading has these fields, and none of `absent` that `expected` does not name. */
function expectReading(intent: Intent, expected: Record<string, unknown>, absent: readonly string[]): void {
  expect(intent).toMatchObject(expected);
  for (const key of absent) if (!(key in expected)) expect(intent).not.toHaveProperty(key);
}

describe('chat wording from the Fabrikam phrasing pass and review', () => {
  const names = { apps: ['Zendesk', 'Tableau Cloud', 'Slack', 'Zoom'] };

  it.each<[string, Record<string, unknown>]>([
    // "start" in a question about the schedule is no restart
    ['when does the next provisioning cycle for Slack start?', { topic: 'history', app: 'Slack', historyFocus: 'next-run' }],
    ['whens the next sync for Slack', { topic: 'history', app: 'Slack', historyFocus: 'next-run' }],
    // a person's account taken away, never a pause or restart of the whole job
    ['disable marco in Zendesk now', { topic: 'deprovisioning', principal: 'marco', app: 'Zendesk' }],
    ['kick Marco Rossi out of Zendesk', { topic: 'deprovisioning', principal: 'Marco Rossi', app: 'Zendesk' }],
    // thanks and assent, and follow-ups that look like them
    ['ok', { topic: 'help', acknowledged: true }],
    ['great, thank you 👍', { topic: 'help', acknowledged: true }],
    ['again', { topic: 'help', followUp: { kind: 'again' } }],
    ['ok do it', { topic: 'help', followUp: { kind: 'fix' } }],
    ['now what', { topic: 'help', followUp: { kind: 'again' } }],
    // lists: accounts made, and a time word after the app's first word
    ['who was provisioned to zendesk today', { topic: 'list', listOf: 'created', app: 'Zendesk' }],
    ['any zendesk creates today', { topic: 'list', listOf: 'created', app: 'Zendesk' }],
    ['failed users tableau past 2 days', { topic: 'list', listOf: 'failure', app: 'Tableau Cloud', window: { hours: 48 } }],
    // everyday words are no app
    ['quick health check', { topic: 'status' }],
    ['top errors', { topic: 'status' }],
    // what someone is, after their name, is no part of it
    ['is owen price contractor in zendesk', { topic: 'skipped', principal: 'owen price', app: 'Zendesk' }],
    ['ping me if zendesk breaks', { topic: 'alerts', app: 'Zendesk', alerts: { action: 'on' } }],
    // the target attribute, asked in other words
    ['what is mapped to title in zendesk', { topic: 'mapping', app: 'Zendesk', mapping: { kind: 'attribute', attribute: 'title' } }],
    ['which attribute feeds manager in zendesk', { topic: 'mapping', app: 'Zendesk', mapping: { kind: 'attribute', attribute: 'manager' } }],
    ['where does the department come from in Slack?', { topic: 'mapping', app: 'Slack', mapping: { kind: 'attribute', attribute: 'department' } }],
  ])('%s', (text, expected) => expectReading(understand(text, names), expected, ['command', 'app']));

  it.each<[string, Record<string, unknown>]>([
    ['disable provisioning in Zendesk', { verb: 'pauseProvisioning', app: 'Zendesk' }],
    ['ok now restart Zoom', { verb: 'restartProvisioning', app: 'Zoom' }],
    ['run provision on demand for ravi in zendesk', { verb: 'provisionOnDemand', app: 'Zendesk', principal: 'ravi' }],
    ['take tableau out of quarantine', { verb: 'clearQuarantine', app: 'Tableau Cloud' }],
  ])('reads the command in "%s"', (text, { verb, ...rest }) => {
    expect(understand(text, names)).toMatchObject({ command: { verb }, ...rest });
  });

  it('lets a list of people, "test it" and "when does it retry" lean on the app asked about before', () => {
    expect(understand('who failed?', names)).toEqual({ topic: 'list', refersBack: true });
    expect(understand('anyone else?', names)).toEqual({ topic: 'list', refersBack: true });
    expect(understand('who failed across all apps?', names)).not.toHaveProperty('refersBack');
    expect(understand('did anything fail today', names)).not.toHaveProperty('refersBack');
    expect(understand('test it', names)).toEqual({ topic: 'credentials', refersBack: true });
    expect(understand('when does it retry?', names)).toEqual({ topic: 'history', historyFocus: 'next-run', refersBack: true });
  });

  it.each([
    ['what apps is ravi assigned to', 'ravi'],
    ['which apps does Nina Costa have access to?', 'Nina Costa'],
    ['what does ravi have access to', 'ravi'],
    ["show me owen price's apps", 'owen price'],
  ])('reads "%s" as the apps of %s', (text, principal) => {
    expect(understand(text, names)).toEqual({ topic: 'access', principal, appsOfPerson: true });
  });

  it.each([
    'who is assigned to zendesk',
    'who has access to Zendesk?',
    'how many users are in scope for zendesk',
    'list the users assigned to zendesk',
    'how many people does zendesk have',
  ])('reads "%s" as who the app takes in', (text) => {
    expect(understand(text, names)).toEqual({ topic: 'status', app: 'Zendesk', population: true });
  });

  it('keeps "who was provisioned to zendesk today" a list and "who is in quarantine" the quarantine', () => {
    expect(understand('who was provisioned to zendesk today', names)).toMatchObject({ topic: 'list', listOf: 'created' });
    expect(understand('who is in quarantine', names)).toEqual({ topic: 'quarantine' });
  });

  // From a second Fabrikam pass: a stray word was taken for an app or a person.
  const tenant = { apps: ['Zendesk', 'Tableau Cloud', 'Dropbox Business', 'Box', 'LinkedIn Learning', 'Fabrikam Field Service'] };
  it.each<[string, Record<string, unknown>]>([
    ['anything sitting in quarantine rn', { topic: 'quarantine' }],
    ['how r my provisioning jobs doing', { topic: 'status' }],
    ['box hasnt synced since friday', { app: 'Box' }],
    ['test conn dropbox', { topic: 'credentials', app: 'Dropbox Business' }],
    ['wei chen tableau 409 again', { topic: 'skipped', principal: 'wei chen', app: 'Tableau Cloud' }],
    ['if i pull kwame mensah out of customer support does zendesk delete him', { topic: 'deprovisioning', principal: 'kwame mensah', app: 'Zendesk' }],
    ['linkedin wants to nuke a bunch of accounts, legit?', { topic: 'deprovisioning', app: 'LinkedIn Learning' }],
    ['What attribute is used to match users between Entra and Box?', { topic: 'mapping', app: 'Box', mapping: { kind: 'matching' } }],
    ['What is the accidental deletion threshold configured for LinkedIn Learning?', { topic: 'deprovisioning', app: 'LinkedIn Learning' }],
    ['ImportSkipped on group Field Crew West in fabrikam field service', { topic: 'skipped', principal: 'Field Crew West', app: 'Fabrikam Field Service' }],
    ['Error validating credentials. Dropbox answered HTTP 401', { topic: 'credentials', app: 'Dropbox Business' }],
    ['diff between sync assigned users vs all users', { concept: 'sync-scope' }],
    ['reset my password pls', { offTopic: true }],
    ['who swapped the dropbox token', { topic: 'history', historyFocus: 'credentials', app: 'Dropbox Business' }],
    ['accidental deletions threshold explain', { concept: 'accidental-deletions' }],
    ['whats up w dropbox', { topic: 'status', app: 'Dropbox Business' }],
    ['matching attr for field service groups?', { topic: 'mapping', app: 'Fabrikam Field Service', mapping: { kind: 'matching', object: 'group' } }],
  ])('%s', (text, expected) => expectReading(understand(text, tenant), expected, ['principal', 'app', 'command']));

  it.each<[string, Record<string, unknown>]>([
    ['who did that', { topic: 'history', refersBack: true }],
    ['whats the threshold', { topic: 'deprovisioning', refersBack: true }],
    ['how long left', { topic: 'not-started', refersBack: true }],
    ['olga petrova in there yet?', { topic: 'skipped', principal: 'olga petrova', refersBack: true }],
    ['next retry?', { topic: 'history', historyFocus: 'next-run', refersBack: true }],
    ['which users', { topic: 'list', refersBack: true }],
    ['why never ran', { topic: 'not-started', refersBack: true }],
    ['how do i fix', { topic: 'help', followUp: { kind: 'again' } }],
    ['only tableau', { topic: 'help', followUp: { kind: 'other-name' }, app: 'Tableau Cloud' }],
    ['in tableau', { topic: 'help', followUp: { kind: 'other-name' }, app: 'Tableau Cloud' }],
    ['and today?', { topic: 'help', followUp: { kind: 'other-name' }, window: { label: 'today' } }],
    ['zendesk?', { topic: 'status', app: 'Zendesk', onlyApp: true }],
    ['greta lindqvist zendesk ok?', { topic: 'skipped', principal: 'greta lindqvist', app: 'Zendesk' }],
    ['omar farouk dropbox status', { topic: 'skipped', principal: 'omar farouk', app: 'Dropbox Business' }],
    ["Aiko Tanaka's status in Fabrikam Field Service please", { topic: 'skipped', principal: 'Aiko Tanaka', app: 'Fabrikam Field Service' }],
  ])('reads the short follow-up "%s"', (text, expected) => {
    expect(understand(text, tenant)).toMatchObject(expected);
  });

  it('reads "why does <someone> show up as <value>" as the mapping that gives that value', () => {
    expect(understand('why does farah siddiqui show up as support agent in zendesk, shes an escalation engineer', tenant)).toEqual({
      topic: 'mapping',
      principal: 'farah siddiqui',
      app: 'Zendesk',
      mapping: { kind: 'attribute', value: 'support agent' },
    });
  });

  it('reads "<app> stopped syncing overnight" as the app\'s state, and the weekend as a window', () => {
    expect(understand('lnkedin learning stopped syncing overnight', tenant)).toEqual({ topic: 'status', app: 'LinkedIn Learning' });
    expect(understand('zendesk not syncing since monday', tenant)).toEqual({ topic: 'status', app: 'Zendesk' });
    expect(understand('what broke over the weekend', tenant)).toMatchObject({ topic: 'list', listOf: 'failure', window: { label: 'over the weekend' } });
  });

  it('reads "clear it" as clearing the quarantine of the app asked about', () => {
    expect(understand('clear it', tenant)).toEqual({ topic: 'quarantine', command: { verb: 'clearQuarantine' } });
    expect(understand('zendesk status', tenant)).toEqual({ topic: 'status', app: 'Zendesk' });
  });

  // From an independent review of the readings above: what they must not take.
  it.each<[string, Record<string, unknown>, string[]]>([
    ['is contoso billing in quarantine', { topic: 'quarantine', app: 'contoso billing' }, []],
    ['is Billing in quarantine', { topic: 'quarantine', app: 'Billing' }, []],
    ['how many users are failing in box', { topic: 'list', app: 'Box' }, ['population']],
    ['who is in zendesk and failing', { app: 'Zendesk' }, ['population']],
    ['who restarted it?', { topic: 'history', historyFocus: 'restarts', refersBack: true }, []],
    ['why is manager failing in zendesk', { app: 'Zendesk' }, ['principal']],
    ['just failures', {}, ['principal', 'followUp']],
    ["what's quarantined?", { topic: 'quarantine' }, ['concept']],
    ['what is the quarantine status?', { topic: 'quarantine' }, ['concept']],
    ['why was conn skipped in slack', { topic: 'skipped', principal: 'conn', app: 'Slack' }, []],
    ['is slack there?', { app: 'Slack' }, ['principal']],
    ['which apps do guests have access to', {}, ['principal', 'appsOfPerson']],
    ['suspend updates in slack', { command: { verb: 'pauseProvisioning' }, app: 'Slack' }, ['principal']],
    ['why did Will fail in zendesk', { topic: 'skipped', principal: 'Will', app: 'Zendesk' }, []],
    ['is Sam Price External in zendesk', { principal: 'Sam Price External', app: 'Zendesk' }, []],
    ['👎', {}, ['acknowledged']],
    ['bot', {}, ['acknowledged']],
    ['is slack down?', { topic: 'status', app: 'Slack' }, ['onlyApp']],
  ])('never misreads "%s"', (text, expected, absent) => expectReading(understand(text, { apps: ['Contoso Intranet', 'Slack', 'Zendesk', 'Box'] }), expected, absent));

  // From a phrasing pass on Contoso.
  const contoso = { apps: ['Salesforce', 'ServiceNow', 'Slack', 'Miro', 'Atlassian Cloud'] };
  it.each<[string, Record<string, unknown>]>([
    ['why is adele vance\'s title showing "Account Executive" in salesforce? she\'s regional sales director', { topic: 'mapping', principal: 'adele vance', app: 'Salesforce', mapping: { kind: 'attribute', attribute: 'title', value: 'Account Executive' } }],
    ['who has servicenow', { topic: 'status', app: 'ServiceNow', population: true }],
    ['how many days until slack gets disabled', { topic: 'quarantine', app: 'Slack' }],
    ['when will servicenow get disabled if we dont fix it', { topic: 'quarantine', app: 'ServiceNow' }],
    ['what is the deletion threshold set to', { topic: 'deprovisioning', refersBack: true }],
    ['miriam graham - what apps is she assigned to', { topic: 'access', principal: 'miriam graham', appsOfPerson: true }],
    ['ethan brooks apps?', { topic: 'access', principal: 'ethan brooks', appsOfPerson: true }],
    ['what does slack get for employeeNumber', { topic: 'mapping', app: 'Slack', mapping: { kind: 'attribute', attribute: 'employeeNumber' } }],
    ['which attribute goes into user_name for servicenow', { topic: 'mapping', app: 'ServiceNow', mapping: { kind: 'attribute', attribute: 'user_name' } }],
    ["who's affected", { topic: 'list', refersBack: true }],
    ['why not liam then', { followUp: { kind: 'other-name', name: 'liam' } }],
    ['since when', { topic: 'history', historyFocus: 'last-success', refersBack: true }],
    ['and the scoping filter?', { topic: 'mapping', mapping: { kind: 'scoping' } }],
    ['hey quick one - when will gerhart moller get atlassian access', { topic: 'access', principal: 'gerhart moller', app: 'Atlassian Cloud' }],
    ['why is cameron whites job title wrong in salesforce', { topic: 'mapping', principal: 'cameron white', app: 'Salesforce', mapping: { kind: 'attribute', attribute: 'job title' } }],
    ['is provisioning for jane.doe@contoso.com ok everywhere', { principal: 'jane.doe@contoso.com' }],
    ['ServiceNowInvalidCredentials keeps coming back even after allan reset the pwd. ideas?', { topic: 'credentials', app: 'ServiceNow' }],
    ['any deletes in miro this month', { topic: 'list', listOf: 'removed', app: 'Miro' }],
    ['whats escrow in provisioning', { concept: 'escrow' }],
    ['what does "not effectively entitled" mean', { concept: 'not-effectively-entitled' }],
    ['what is the accidental deletions threshold, do any of our apps use it', { concept: 'accidental-deletions' }],
    ['provision on demand - how does it work, any limits', { concept: 'provision-on-demand' }],
    ['scoping filter eli5', { concept: 'scoping-filter' }],
    ['what does test connection actually check', { concept: 'test-connection' }],
    ['provision jane on demand', { command: { verb: 'provisionOnDemand' }, principal: 'jane' }],
  ])('reads "%s"', (text, expected) => expectReading(understand(text, contoso), expected, ['app']));

  // From a second independent review.
  it.each<[string, Record<string, unknown>, string[]]>([
    ['why does jane doe show up as inactive in salesforce', { topic: 'skipped', principal: 'jane doe' }, ['mapping']],
    ['for jane', { followUp: { kind: 'other-name', name: 'jane' } }, ['offTopic']],
    ['just checking', {}, ['followUp', 'principal']],
    ['what apps are jane doe and alex wilber in', { topic: 'access', appsOfPerson: true, principal: 'jane doe and alex wilber' }, []],
    ['when will users get disabled in slack', { app: 'Slack' }, []],
    ['test connection failed, what does it mean', { topic: 'credentials' }, ['concept']],
    ['chris jones title is wrong in slack', { topic: 'mapping', principal: 'chris jones' }, []],
    ['why was the SalesforceAdmins group skipped', { topic: 'skipped' }, ['app']],
    ['which ones in zendesk stopped syncing overnight', { topic: 'list', app: 'Zendesk' }, []],
    ['why is her title wrong', { topic: 'mapping', mapping: { kind: 'attribute', attribute: 'title' }, refersBack: true }, []],
  ])('does not misread "%s"', (text, expected, absent) => {
    const intent = understand(text, { apps: ['Slack', 'Zendesk', 'Salesforce', 'Box'] });
    expectReading(intent, expected, absent);
    if (text.startsWith('when will users')) expect(intent.topic).not.toBe('quarantine');
  });

  // From a third pass on Fabrikam: business words, refusals.
  it.each<[string, Record<string, unknown>]>([
    ['give me the secret token for zendesk', { refusal: 'secret' }],
    ['delete the tableau app', { refusal: 'app-deletion' }],
    ["add D'Arcy to the Customer Support group", { refusal: 'directory-change' }],
    ["reset Olga's password", { offTopic: true }],
    ['is Olga set up in asana yet?', { topic: 'skipped', principal: 'Olga' }],
    ['is the new starter Quentin Moreau set up in zendesk?', { topic: 'skipped', principal: 'Quentin Moreau', app: 'Zendesk' }],
    ['are leavers being cleaned out of zendesk?', { topic: 'list', listOf: 'removed', app: 'Zendesk', window: { hours: 168 } }],
    ['how many in scope', { topic: 'status', population: true, refersBack: true }],
    ["what's the secret token status", { topic: 'credentials' }],
  ])('reads "%s"', (text, expected) => {
    expect(understand(text, { apps: ['Zendesk', 'Asana', 'Tableau Cloud'] })).toMatchObject(expected);
  });

  // Asked on a renamed tenant (Northwind) in words no test used: the person named first, then "her"/"him".
  it.each<[string, Record<string, unknown>]>([
    ['ines says freshdesk keeps bouncing her, can you look', { topic: 'skipped', principal: 'ines', app: 'Freshdesk' }],
    ['tobias is in sales ops but field service never picked him up??', { topic: 'skipped', principal: 'tobias', app: 'Northwind Field Service' }],
    ['quick q - how many ppl does looker studio actually have in sync rn', { topic: 'status', app: 'Looker Studio', population: true }],
  ])('reads "%s"', (text, expected) => {
    expect(understand(text, { apps: ['Freshdesk', 'Looker Studio', 'Northwind Field Service', 'Box'] })).toEqual(expected);
  });

  it('never reads "who failed to be provisioned" as an app named "be provisioned"', () => {
    expect(understand('who failed to be provisioned today', names)).toMatchObject({ topic: 'list', listOf: 'failure' });
    expect(understand('who failed to be provisioned today', names)).not.toHaveProperty('app');
  });
});
