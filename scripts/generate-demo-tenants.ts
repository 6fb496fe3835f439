// Generates the built-in demo tenants (demo-tenants/contoso.json, demo-tenants/fabrikam.json): provisioning data
// in Graph's own JSON shapes, served by src/demo so the bot can be tried without Azure. Deterministic: a seeded
// PRNG, GUIDs derived from names, a fixed `asOf`. Run: npm run demo:generate.
//
// Each tenant is a scenario table. What each scenario is for (the cause the bot must find):
// - job 'quarantine-credentials': Quarantine / EncounteredQuarantineException, the target answers 401; test
//   connection fails too (simulation.credentials). Topics quarantine, credentials.
// - job 'quarantine-escrow': Quarantine / an escrow threshold, lastExecution EntryLevelErrors, and many export
//   failures in the logs whose reason embeds the target's SCIM error body (a bad attribute mapping).
// - job 'paused': schedule and status Paused, ran fine before; a Salesforce job keeps the leftover quarantine
//   object with empty strings that Graph's own job example shows. Topics status, not-started.
// - job 'never-run': configured, never started: NotRun with a Disabled schedule (interval TimeSpan.MaxValue),
//   no lastExecution, steady state never reached. Topic not-started.
// - job 'initial-cycle': the first cycle is running: NotRun with an Active schedule, the not-yet-run lastExecution
//   (Failed, 0001-01-01 times, error None) and progress[], so some assigned users have no log entry yet.
// - job 'healthy': Active, last cycle succeeded minutes ago.
// - service principals without provisioning: the bot must not offer them as provisioning apps.
// - a deleted app: log entries whose service principal no longer exists.
// Everything is written the way real Graph writes it: error codes carry the connector's prefix
// (ServiceNowInvalidCredentials), scoping clauses name Entra sync-schema attributes (dirSyncEnabled, c), the
// schema lists the source attributes under directories[], log entries are stored in the order they happened.
// - person cases (see CaseKind): why one user or group was skipped or failed in one app, with the log
//   entries and assignments that show it. Everyone else gets routine traffic (creates, updates,
//   RedundantExport and out-of-scope skips) so a bot that does not filter logs is slow and wrong.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateServiceScope } from '../src/demo/scoping';
import { SOURCE_USER_ATTRIBUTES, sourceAttributes } from '../src/demo/sourceAttributes';
import { NEVER_INTERVAL, notYetRunExecution } from '../src/demo/synchronization';
import { JOB_PAUSED_WITH_LEFTOVER_QUARANTINE } from '../test/fixtures/graphSamples';
import type { DemoTenantFile } from '../src/demo/tenantFile';
import type {
  AppRole,
  AppRoleAssignment,
  AttributeMapping,
  FilterGroup,
  GraphGroup,
  GraphUser,
  ObjectMapping,
  ProvisioningErrorInfo,
  ProvisioningObjectSummary,
  ProvisioningStep,
  ServicePrincipal,
  SynchronizationJob,
  SynchronizationSchema,
  SynchronizationStatus,
  SynchronizationTaskExecution,
} from '../src/graph/types';

// ---------------------------------------------------------------------------------------------------------
// Scenario vocabulary

type JobScenario = 'quarantine-credentials' | 'quarantine-escrow' | 'paused' | 'never-run' | 'initial-cycle' | 'healthy';

/** Why one person (or group) is in the data; each kind yields log entries showing that cause. */
type CaseKind =
  | 'scoped-out' // assigned, excluded by the app's scoping filter
  | 'not-assigned' // expects access, has no assignment (direct or through a group)
  | 'not-effectively-entitled' // assigned and in scope, but the assignment record is bad
  | 'required-attribute-empty' // mail empty: the target rejects the create
  | 'provisioned' // created, then updated
  | 'disabled-in-source' // account disabled in Entra ID
  | 'not-yet-processed' // assigned to an app in its initial cycle, no log entry at all
  | 'matching-attribute-empty'; // a group whose matching attribute (mailNickname/mail) is empty

/** A target system's attribute names; schemas and log entries of an app are written in its dialect. */
type Dialect = 'scim' | 'servicenow' | 'salesforce';

interface PersonSpec {
  given: string;
  surname: string;
  department: string | null;
  jobTitle: string | null;
  country: string;
  mail?: null;
  enabled?: false;
  employeeId?: null;
  /** onPremisesExtensionAttributes values. */
  ext?: Record<string, string>;
  createdDaysAgo?: number;
}

interface GroupSpec {
  name: string;
  description: string;
  /** Explicit mailNickname; null for the group whose matching attribute is empty. */
  mailNickname?: string | null;
  mailEnabled?: boolean;
  /** Members by department (routine people only) and by name (any person). */
  departments?: string[];
  names?: string[];
}

/** [groupName, [sourceOperandName, operatorName, value?][]]: clauses ANDed, groups ORed. */
type ScopeSpec = Array<[string, Array<[string, string, string?]>]>;

interface AppSpec {
  name: string;
  templateId: string;
  dialect: Dialect;
  /** The connector's prefix on error codes (`ServiceNow` → ServiceNowInvalidCredentials); default per dialect. */
  connector?: string;
  /** targetSystem.displayName in logs and the schema's target directory. */
  targetDirectory: string;
  job: JobScenario;
  scope?: ScopeSpec;
  /** Provisions groups too, matching on this source attribute. */
  groupMatch?: 'displayName' | 'mailNickname' | 'mail';
  extraUserMappings?: Array<[string, string]>;
  assignedGroups: string[];
  assignedUsers: string[];
  /** Relative amount of routine traffic. */
  activity: number;
  escrow?: { reason: string; detail: string; status: number; since: number; entitled: number; escrowed: number; raw: number };
  credentialMessage?: string;
}

interface CaseSpec {
  who: string;
  app: string;
  kind: CaseKind;
  /** When the entries happened, in hours before asOf (newest last or any order). */
  hoursAgo: number[];
}

interface TenantSpec {
  key: string;
  company: string;
  domain: string;
  asOf: string;
  sourceSystemName: string;
  people: PersonSpec[];
  groups: GroupSpec[];
  apps: AppSpec[];
  /** Service principals without provisioning. */
  plainApps: string[];
  deletedApp: { name: string; templateId: string; lastSeenHoursAgo: number };
  /** Deprovisioning stories (issues 12.4, 16.3): see the section "Deprovisioning stories". */
  deprovisioning: DeprovisionStory;
  cases: CaseSpec[];
  /** How the required-attribute failure reads: the SCIM target's error body, or the service's own check. */
  missingAttributeStyle: 'scim-error' | 'mandatory-fields';
  matchingEmptyStatus: 'skipped' | 'failure';
  /** Users synced from on-premises AD (onPremisesSyncEnabled), except accounts created in the cloud lately. */
  syncedFromAD: boolean;
  /** Graph's `country` as a name ("Ireland") or a code ("IE"); the source attribute `c` holds the same value. */
  countryStyle: 'name' | 'code';
  /**
   * The detail keys skip steps use: 'portal' (Assigned to the application, IsInProvisioningScope) or 'service'
   * (User has the required role, IsInProvisioningScopeDisplayName, step types capitalised: Import, Scoping).
   */
  stepStyle: 'portal' | 'service';
}

const p = (
  given: string,
  surname: string,
  department: string | null,
  jobTitle: string | null,
  country: string,
  extra: Partial<PersonSpec> = {},
): PersonSpec => ({ given, surname, department, jobTitle, country, ...extra });

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

// ---------------------------------------------------------------------------------------------------------
// The two tenants

const CONTOSO: TenantSpec = {
  key: 'contoso',
  company: 'Contoso Ltd',
  domain: 'contoso.com',
  asOf: '2026-11-20T09:00:00Z',
  sourceSystemName: 'Microsoft Entra ID',
  missingAttributeStyle: 'scim-error',
  matchingEmptyStatus: 'skipped',
  syncedFromAD: true,
  countryStyle: 'name',
  stepStyle: 'portal',
  people: [
    // scenario people
    p('Jane', 'Doe', 'Marketing', 'Marketing Manager', 'US'),
    p('Alex', 'Wilber', 'Sales', 'Account Executive', 'US'),
    p('Alex', 'Johnson', 'Customer Success', 'Customer Success Manager', 'US'),
    p('Liam', "O'Brien", 'Sales', 'Sales Development Representative', 'IE', { createdDaysAgo: 3 }),
    p('Tomás', 'García', 'Product', 'Product Manager', 'ES'),
    p('Pradeep', 'Gupta', 'Product', 'Product Designer', 'IN', { mail: null }),
    p('Megan', 'Bowen', 'Engineering', 'Software Engineer', 'US', { createdDaysAgo: 1 }),
    p('Diego', 'Siciliani', 'Engineering', 'Site Reliability Engineer', 'IT', { enabled: false }),
    p('Adele', 'Vance', 'Sales', 'Regional Sales Director', 'US', { ext: { extensionAttribute3: 'PartnerManager' } }),
    // routine people
    p('Lee', 'Gu', 'Engineering', 'Engineering Manager', 'US'),
    p('Nestor', 'Wilke', 'IT', 'IT Administrator', 'US'),
    p('Isaiah', 'Langer', 'Sales', 'Account Executive', 'US'),
    p('Lynne', 'Robbins', 'Finance', 'Financial Analyst', 'US'),
    p('Lidia', 'Holloway', 'Engineering', 'Software Engineer', 'GB'),
    p('Johanna', 'Lorenz', 'Engineering', 'Senior Software Engineer', 'DE'),
    p('Joni', 'Sherman', 'Legal', 'Paralegal', 'US'),
    p('Grady', 'Archie', 'Engineering', 'Designer', 'US'),
    p('Henrietta', 'Mueller', 'Engineering', 'QA Engineer', 'DE'),
    p('Irvin', 'Sayers', 'IT', 'Support Engineer', 'US', { employeeId: null }),
    p('Miriam', 'Graham', 'Sales', 'Sales Operations Lead', 'US'),
    p('Patti', 'Fernandez', 'Executive', 'President', 'US'),
    p('Christie', 'Cline', 'Marketing', 'Content Strategist', 'US'),
    p('Debra', 'Berger', 'Executive', 'Administrative Assistant', 'US'),
    p('Emily', 'Braun', 'Finance', 'Budget Analyst', 'US'),
    p('Enrico', 'Cattaneo', 'Sales', 'Account Executive', 'IT'),
    p('Allan', 'Deyoung', 'IT', 'IT Manager', 'US'),
    p('Cameron', 'White', 'Sales', 'Sales Engineer', 'CA'),
    p('Delia', 'Dennis', 'Product', 'UX Researcher', 'US'),
    p('Gerhart', 'Moller', 'Engineering', 'Software Engineer', 'DE', { createdDaysAgo: 4 }),
    p('Isabella', 'Simonsen', 'Sales', 'Inside Sales Representative', 'DK', { ext: { extensionAttribute3: 'PartnerManager' } }),
    p('Mona', 'Kane', 'Human Resources', 'HR Generalist', 'US'),
    p('Raul', 'Razo', 'Engineering', 'Cloud Architect', 'MX'),
    p('Vincent', 'Matney', 'Marketing', 'Brand Manager', 'US'),
    p('Brian', 'Yang', 'Product', 'Product Owner', 'US'),
    p('Kat', 'Larsson', 'Engineering', 'Data Engineer', 'SE', { employeeId: null }),
    p('Nadia', 'Haddad', 'Sales', null, 'AE', { ext: { extensionAttribute3: 'PartnerManager' } }),
    p('Oscar', 'Lindqvist', 'Finance', 'Controller', 'SE'),
    p('Priya', 'Raman', 'Customer Success', 'Support Lead', 'IN'),
    p('Wendy', 'Park', 'Human Resources', 'Recruiter', 'KR', { enabled: false }),
    p('Yusuf', 'Demir', 'Engineering', 'Security Engineer', 'TR'),
  ],
  groups: [
    { name: 'Sales Team', description: 'Account executives and sales operations', departments: ['Sales'], names: ['Alex Wilber', 'Adele Vance'] },
    { name: 'Salesforce Admins', description: 'Salesforce administrators', names: ['Miriam Graham', 'Nestor Wilke', 'Cameron White'] },
    { name: 'IT Staff', description: 'IT department', departments: ['IT', 'Executive', 'Finance'] },
    { name: 'Collaboration Pilot', description: 'Early adopters of the new chat platform', departments: ['Engineering', 'Marketing', 'Sales', 'Finance'] },
    { name: 'Engineering', description: 'All engineers', departments: ['Engineering'], names: ['Diego Siciliani'] },
    { name: 'Product Management', description: 'Product managers and designers', departments: ['Product'] },
    { name: 'Contoso Staff', description: 'Everyone on the intranet', departments: ['Legal', 'Human Resources', 'Executive', 'Customer Success', 'IT'] },
    { name: 'Project Falcon', description: 'Confidential project team (created from PowerShell without a mail nickname)', mailNickname: null, names: [] },
  ],
  apps: [
    {
      name: 'ServiceNow', templateId: 'ServiceNowOutDelta', dialect: 'servicenow', targetDirectory: 'ServiceNow',
      job: 'quarantine-credentials', assignedGroups: ['IT Staff'], assignedUsers: [], activity: 1.2,
      credentialMessage:
        "Failed to validate the credentials. The target system answered HTTP 401 (Unauthorized): 'The provided credentials are invalid. User Not Authenticated'. Verify the instance name, admin username and password, then test the connection again.",
    },
    {
      name: 'Slack', templateId: 'slackOutDelta', dialect: 'scim', targetDirectory: 'Slack', job: 'quarantine-escrow',
      groupMatch: 'displayName', assignedGroups: ['Collaboration Pilot'], assignedUsers: [], activity: 1,
      extraUserMappings: [[`${ENTERPRISE}:employeeNumber`, 'employeeId']],
      escrow: {
        reason: 'EncounteredEscrowProportionThreshold', status: 400, since: 46, entitled: 26, escrowed: 24, raw: 5180,
        detail: `Unsupported attribute: ${ENTERPRISE}:employeeNumber`,
      },
    },
    {
      name: 'Salesforce Sandbox', templateId: 'SalesforceSandboxOutDelta', dialect: 'salesforce', targetDirectory: 'Salesforce Sandbox',
      job: 'paused', scope: [['Sales only', [['department', 'EQUALS', 'Sales']]]],
      assignedGroups: ['Salesforce Admins'], assignedUsers: [], activity: 1.5,
    },
    {
      name: 'Zoom', templateId: 'ZoomOutDelta', dialect: 'scim', targetDirectory: 'Zoom', job: 'never-run',
      assignedGroups: ['Contoso Staff'], assignedUsers: [], activity: 0,
    },
    {
      name: 'GitHub Enterprise Cloud', templateId: 'GitHubOutDelta', dialect: 'scim', targetDirectory: 'GitHub Enterprise Cloud',
      job: 'initial-cycle', assignedGroups: ['Engineering'], assignedUsers: ['Megan Bowen'], activity: 1,
    },
    {
      name: 'Salesforce', templateId: 'SalesforceOutDelta', dialect: 'salesforce', targetDirectory: 'Salesforce', job: 'healthy',
      scope: [
        ['Sales only', [['department', 'EQUALS', 'Sales']]],
        ['Partner managers', [['extensionAttribute3', 'EQUALS', 'PartnerManager'], ['jobTitle', 'IS NOT NULL']]],
        ['Dublin office', [['dirSyncEnabled', 'EQUALS', 'True'], ['physicalDeliveryOfficeName', 'EQUALS', 'Dublin']]],
      ],
      assignedGroups: ['Sales Team'], assignedUsers: ['Jane Doe', 'Alex Johnson', 'Vincent Matney'], activity: 3,
    },
    {
      name: 'Atlassian Cloud', templateId: 'AtlassianOutDelta', dialect: 'scim', targetDirectory: 'Atlassian Cloud', job: 'healthy',
      scope: [['Employees', [['employeeId', 'IS NOT NULL']]]], groupMatch: 'displayName',
      assignedGroups: ['Engineering', 'Product Management'],
      assignedUsers: ['Tomás García', 'Pradeep Gupta', 'Jane Doe'], activity: 2.5,
    },
    {
      name: 'Contoso Intranet', templateId: 'scim', dialect: 'scim', targetDirectory: 'customappsso', job: 'healthy',
      groupMatch: 'mailNickname', assignedGroups: ['Contoso Staff', 'Project Falcon'], assignedUsers: [], activity: 2,
    },
  ],
  plainApps: ['Microsoft Graph', 'Contoso Expense Tracker', 'Office 365 SharePoint Online'],
  deletedApp: { name: 'Workplace from Meta', templateId: 'workplaceOutDelta', lastSeenHoursAgo: 130 },
  deprovisioning: {
    app: 'Contoso Intranet',
    unassigned: p('Nora', 'Quinn', 'Legal', 'Paralegal', 'US'),
    nested: { person: p('Ethan', 'Brooks', 'Legal', 'Contracts Manager', 'US'), inner: 'Intranet Editors', outer: 'Contoso Staff' },
    threshold: { app: 'Miro', templateId: 'miroOutDelta', person: p('Lena', 'Fischer', 'Marketing', 'Designer', 'DE'), value: 50, pending: 212 },
  },
  cases: [
    { who: 'Jane Doe', app: 'Salesforce', kind: 'scoped-out', hoursAgo: [50, 26, 2] },
    { who: 'Jane Doe', app: 'Atlassian Cloud', kind: 'provisioned', hoursAgo: [140, 30] },
    { who: 'Alex Johnson', app: 'Salesforce', kind: 'scoped-out', hoursAgo: [70, 5] },
    { who: 'Alex Wilber', app: 'Salesforce', kind: 'provisioned', hoursAgo: [100, 20, 3] },
    { who: 'Adele Vance', app: 'Salesforce', kind: 'provisioned', hoursAgo: [150, 44] },
    { who: "Liam O'Brien", app: 'Salesforce', kind: 'not-assigned', hoursAgo: [60, 1.5] },
    { who: 'Tomás García', app: 'Atlassian Cloud', kind: 'not-effectively-entitled', hoursAgo: [90, 28, 4] },
    { who: 'Pradeep Gupta', app: 'Atlassian Cloud', kind: 'required-attribute-empty', hoursAgo: [30, 14, 1] },
    { who: 'Megan Bowen', app: 'GitHub Enterprise Cloud', kind: 'not-yet-processed', hoursAgo: [] },
    { who: 'Diego Siciliani', app: 'GitHub Enterprise Cloud', kind: 'disabled-in-source', hoursAgo: [0.3] },
    { who: 'Diego Siciliani', app: 'Atlassian Cloud', kind: 'disabled-in-source', hoursAgo: [36] },
    { who: 'Project Falcon', app: 'Contoso Intranet', kind: 'matching-attribute-empty', hoursAgo: [52, 6] },
  ],
};

const FABRIKAM: TenantSpec = {
  key: 'fabrikam',
  company: 'Fabrikam, Inc.',
  domain: 'fabrikam.com',
  asOf: '2026-11-18T15:30:00Z',
  sourceSystemName: 'Azure Active Directory',
  missingAttributeStyle: 'mandatory-fields',
  matchingEmptyStatus: 'failure',
  syncedFromAD: false,
  countryStyle: 'code',
  stepStyle: 'service',
  people: [
    // scenario people
    p('Kenji', 'Watanabe', 'Engineering', 'Firmware Engineer', 'JP'),
    p('Sam', 'Okafor', 'Logistics', 'Dispatcher', 'NG'),
    p('Sam', 'Carter', 'Customer Support', 'Support Agent', 'US'),
    p("D'Arcy", 'Fontaine', 'Customer Support', 'Support Agent', 'FR', { createdDaysAgo: 2 }),
    p('Siobhán', 'Ní Bhriain', 'Customer Support', 'Support Team Lead', 'IE'),
    p('Ravi', 'Patel', 'Customer Support', 'Support Agent', 'IN', { mail: null }),
    p('Olga', 'Petrova', 'Design', 'Visual Designer', 'PL', { createdDaysAgo: 1 }),
    p('Marco', 'Silva', 'Customer Support', 'Support Agent', 'PT', { enabled: false }),
    p('Hannah', 'Schmidt', 'Field Operations', 'Field Technician', 'DE', { ext: { extensionAttribute1: 'BADGE-2231' } }),
    // routine people
    p('Aiko', 'Tanaka', 'Field Operations', 'Field Technician', 'US', { ext: { extensionAttribute1: 'BADGE-1042' } }),
    p('Benjamin', 'Okoro', 'Field Operations', 'Field Supervisor', 'US', { ext: { extensionAttribute1: 'BADGE-1043' } }),
    p('Carla', 'Mendes', 'Field Operations', 'Field Technician', 'BR'),
    p('Dmitri', 'Volkov', 'Engineering', 'Embedded Engineer', 'US'),
    p('Elena', 'Rossi', 'Customer Support', 'Support Agent', 'IT'),
    p('Farah', 'Siddiqui', 'Customer Support', 'Escalation Engineer', 'US'),
    p('Gabriel', 'Dubois', 'Design', 'Product Designer', 'FR'),
    p('Hiroshi', 'Sato', 'Engineering', 'Hardware Engineer', 'JP'),
    p('Ingrid', 'Nilsen', 'Finance', 'Accountant', 'NO'),
    p('Jonas', 'Becker', 'Field Operations', 'Field Technician', 'US', { ext: { extensionAttribute1: 'BADGE-1107' } }),
    p('Kwame', 'Mensah', 'Customer Support', 'Support Agent', 'GH'),
    p('Lucía', 'Fernández', 'Design', 'UX Writer', 'ES'),
    p('Mateo', 'Rojas', 'Field Operations', 'Installer', 'CL'),
    p('Nina', 'Kowalski', 'Customer Support', null, 'PL'),
    p('Omar', 'Farouk', 'Engineering', 'Test Engineer', 'EG'),
    p('Paula', 'Jiménez', 'Logistics', 'Logistics Coordinator', 'MX'),
    p('Quentin', 'Moreau', 'Field Operations', 'Field Technician', 'FR', { createdDaysAgo: 5 }),
    p('Rosa', 'Ibarra', 'Customer Support', 'Support Agent', 'US'),
    p('Stefan', 'Novak', 'Engineering', 'Engineering Lead', 'CZ'),
    p('Tara', 'Quinn', 'Finance', 'Payroll Specialist', 'US'),
    p('Ulrich', 'Bauer', 'Field Operations', 'Field Supervisor', 'DE', { ext: { extensionAttribute1: 'BADGE-1190' } }),
    p('Valentina', 'Cruz', 'Design', 'Design Manager', 'AR'),
    p('Wei', 'Chen', 'Engineering', 'Software Engineer', 'CN'),
    p('Ximena', 'Ortiz', 'Customer Support', 'Support Agent', 'CO'),
    p('Yara', 'Haddad', 'Logistics', 'Warehouse Lead', 'LB', { employeeId: null }),
    p('Zanele', 'Dlamini', 'Field Operations', 'Field Technician', 'ZA'),
    p('Arjun', 'Mehta', 'Engineering', 'Software Engineer', 'IN'),
    p('Bianca', 'Lupu', 'Customer Support', 'Support Agent', 'RO', { enabled: false }),
    p('Connor', 'Walsh', 'Finance', 'Finance Director', 'IE'),
    p('Dalia', 'Nasser', 'Design', 'Illustrator', 'JO'),
  ],
  groups: [
    { name: 'Field Operations', description: 'Field technicians and supervisors', mailEnabled: true, departments: ['Field Operations'], names: ['Hannah Schmidt'] },
    { name: 'Field Crew West', description: 'Western region installers (security group, no mailbox)', mailNickname: null, names: [] },
    { name: 'Customer Support', description: 'Support agents', mailEnabled: true, departments: ['Customer Support'], names: ['Sam Carter', 'Marco Silva'] },
    { name: 'Analytics Users', description: 'Tableau dashboard users', mailEnabled: true, departments: ['Finance', 'Engineering', 'Logistics'] },
    { name: 'Product Design', description: 'Designers', mailEnabled: true, departments: ['Design'] },
    { name: 'Hardware Engineering', description: 'Hardware and firmware engineers', mailEnabled: true, departments: ['Engineering'] },
    { name: 'Finance Team', description: 'Finance department', mailEnabled: true, departments: ['Finance'] },
  ],
  apps: [
    {
      name: 'Dropbox Business', templateId: 'dropboxOutDelta', dialect: 'scim', connector: 'Dropbox', targetDirectory: 'Dropbox Business',
      job: 'quarantine-credentials', assignedGroups: ['Hardware Engineering', 'Finance Team'], assignedUsers: [], activity: 1.5,
      credentialMessage:
        'Error validating credentials. Dropbox answered HTTP 401 Unauthorized: {"error_summary": "expired_access_token/", "error": {".tag": "expired_access_token"}}. The secret token has expired or was revoked; authorize again.',
    },
    {
      name: 'Tableau Cloud', templateId: 'TableauOutDelta', dialect: 'scim', targetDirectory: 'Tableau Cloud', job: 'quarantine-escrow',
      groupMatch: 'displayName', assignedGroups: ['Analytics Users'], assignedUsers: [], activity: 1,
      escrow: {
        reason: 'EncounteredTotalEscrowThreshold', status: 409, since: 70, entitled: 19, escrowed: 17, raw: 40412,
        detail: "Cannot assign site role 'Creator': the site has no Creator licenses left (0 of 25 available).",
      },
    },
    {
      name: 'Box', templateId: 'boxOutDelta', dialect: 'scim', targetDirectory: 'Box', job: 'paused',
      assignedGroups: ['Product Design', 'Finance Team'], assignedUsers: [], activity: 1.5,
    },
    {
      name: 'Smartsheet', templateId: 'smartsheetOutDelta', dialect: 'scim', targetDirectory: 'Smartsheet', job: 'never-run',
      assignedGroups: ['Field Operations'], assignedUsers: [], activity: 0,
    },
    {
      name: 'Asana', templateId: 'asanaOutDelta', dialect: 'scim', targetDirectory: 'Asana', job: 'initial-cycle',
      assignedGroups: ['Product Design'], assignedUsers: ['Olga Petrova'], activity: 1,
    },
    {
      name: 'Fabrikam Field Service', templateId: 'scim', dialect: 'scim', targetDirectory: 'customappsso', job: 'healthy',
      scope: [
        ['Field technicians', [['department', 'EQUALS', 'Field Operations']]],
        ['Badge holders', [['extensionAttribute1', 'IS NOT NULL'], ['c', 'EQUALS', 'US']]],
      ],
      groupMatch: 'mail', assignedGroups: ['Field Operations', 'Field Crew West'],
      assignedUsers: ['Kenji Watanabe', 'Sam Okafor'], activity: 4,
    },
    {
      name: 'Zendesk', templateId: 'zendeskOutDelta', dialect: 'scim', connector: 'Zendesk', targetDirectory: 'Zendesk', job: 'healthy',
      scope: [
        ['Customer-facing', [['department', 'EQUALS', 'Customer Support'], ['jobTitle', 'IS NOT NULL']]],
      ],
      groupMatch: 'displayName', assignedGroups: ['Customer Support'],
      assignedUsers: ['Siobhán Ní Bhriain', 'Ravi Patel'], activity: 4,
    },
  ],
  plainApps: ['Office 365 Exchange Online', 'Fabrikam Timesheets', 'Power BI Service'],
  deletedApp: { name: 'Egnyte', templateId: 'egnyteOutDelta', lastSeenHoursAgo: 100 },
  deprovisioning: {
    app: 'Zendesk',
    unassigned: p('Greta', 'Lindqvist', 'Customer Support', 'Support Agent', 'SE'),
    nested: { person: p('Owen', 'Price', 'Customer Support', 'Support Contractor', 'GB'), inner: 'Support Contractors', outer: 'Customer Support' },
    threshold: { app: 'LinkedIn Learning', templateId: 'linkedInLearningOutDelta', person: p('Rosa', 'Reyes', 'Finance', 'Accountant', 'US'), value: 25, pending: 61 },
  },
  cases: [
    { who: 'Kenji Watanabe', app: 'Fabrikam Field Service', kind: 'scoped-out', hoursAgo: [75, 3] },
    { who: 'Sam Okafor', app: 'Fabrikam Field Service', kind: 'scoped-out', hoursAgo: [40] },
    { who: 'Hannah Schmidt', app: 'Fabrikam Field Service', kind: 'provisioned', hoursAgo: [120, 8] },
    { who: 'Sam Carter', app: 'Zendesk', kind: 'provisioned', hoursAgo: [95, 22, 2] },
    { who: "D'Arcy Fontaine", app: 'Zendesk', kind: 'not-assigned', hoursAgo: [44, 0.8] },
    { who: 'Siobhán Ní Bhriain', app: 'Zendesk', kind: 'not-effectively-entitled', hoursAgo: [64, 6] },
    { who: 'Ravi Patel', app: 'Zendesk', kind: 'required-attribute-empty', hoursAgo: [48, 12, 0.5] },
    { who: 'Olga Petrova', app: 'Asana', kind: 'not-yet-processed', hoursAgo: [] },
    { who: 'Marco Silva', app: 'Zendesk', kind: 'disabled-in-source', hoursAgo: [18] },
    { who: 'Field Crew West', app: 'Fabrikam Field Service', kind: 'matching-attribute-empty', hoursAgo: [30, 1] },
  ],
};

export const TENANT_SPECS: readonly TenantSpec[] = [CONTOSO, FABRIKAM];

// ---------------------------------------------------------------------------------------------------------
// Determinism: ids from names, a seeded PRNG, times relative to asOf

const NEVER = '0001-01-01T00:00:00Z';

function hashHex(text: string, algorithm = 'sha1'): string {
  return createHash(algorithm).update(text).digest('hex');
}

/** A name-based (version 5 style) GUID: the same name always gives the same id. */
export function stableGuid(name: string): string {
  const h = hashHex(name);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Graph's app role assignment ids are 43-character base64url strings, not GUIDs. */
function assignmentId(name: string): string {
  return createHash('sha256').update(name).digest('base64url').slice(0, 43);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

function rngFor(seedText: string): Rng {
  const next = mulberry32(parseInt(hashHex(seedText).slice(0, 8), 16));
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

const slug = (text: string): string =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');

const COUNTRY_NAMES: Record<string, string> = {
  US: 'United States', IE: 'Ireland', ES: 'Spain', IN: 'India', IT: 'Italy', GB: 'United Kingdom', DE: 'Germany',
  CA: 'Canada', DK: 'Denmark', MX: 'Mexico', SE: 'Sweden', AE: 'United Arab Emirates', KR: 'Korea', TR: 'Türkiye',
  JP: 'Japan', NG: 'Nigeria', FR: 'France', PL: 'Poland', PT: 'Portugal', BR: 'Brazil', NO: 'Norway', GH: 'Ghana',
  CL: 'Chile', EG: 'Egypt', CZ: 'Czechia', AR: 'Argentina', CN: 'China', CO: 'Colombia', LB: 'Lebanon',
  ZA: 'South Africa', RO: 'Romania', JO: 'Jordan',
};

/** The office (and city) people in each country work from. */
const OFFICES: Record<string, string> = {
  US: 'Redmond', IE: 'Dublin', GB: 'London', DE: 'Munich', ES: 'Madrid', IN: 'Bengaluru', IT: 'Milan', FR: 'Paris',
  JP: 'Tokyo', SE: 'Stockholm', DK: 'Copenhagen', CA: 'Toronto', MX: 'Mexico City', PL: 'Warsaw', BR: 'São Paulo',
};

// ---------------------------------------------------------------------------------------------------------
// Schemas: attribute mappings per dialect, scoping filters from the app's table row

const SWITCH_ACTIVE = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")';

function attr(target: string, source: string, matchingPriority = 0): AttributeMapping {
  return {
    targetAttributeName: target,
    source: { type: 'Attribute', name: source, expression: `[${source}]`, parameters: [] },
    matchingPriority,
    defaultValue: null,
    flowType: 'Always',
    flowBehavior: 'FlowWhenChanged',
    exportMissingReferences: false,
  };
}

function activeMapping(target: string): AttributeMapping {
  const constant = (value: string) => ({ type: 'Constant', name: value, expression: `"${value}"`, parameters: [] });
  return {
    ...attr(target, 'IsSoftDeleted'),
    source: {
      type: 'Function',
      name: 'Switch',
      expression: SWITCH_ACTIVE,
      parameters: [
        { key: 'source', value: { type: 'Attribute', name: 'IsSoftDeleted', expression: '[IsSoftDeleted]', parameters: [] } },
        { key: 'defaultValue', value: constant('False') },
        { key: 'key', value: constant('True') },
        { key: 'value', value: constant('True') },
        { key: 'key', value: constant('False') },
        { key: 'value', value: constant('False') },
      ],
    },
  };
}

/** [target attribute, source attribute] per dialect; the first pair is the matching attribute. */
const USER_MAPPINGS: Record<Dialect, { object: string; pairs: Array<[string, string]>; active: string }> = {
  scim: {
    object: 'User',
    active: 'active',
    pairs: [
      ['userName', 'userPrincipalName'],
      ['displayName', 'displayName'],
      ['title', 'jobTitle'],
      ['emails[type eq "work"].value', 'mail'],
      ['name.givenName', 'givenName'],
      ['name.familyName', 'surname'],
      ['addresses[type eq "work"].country', 'c'],
      ['externalId', 'mailNickname'],
      [`${ENTERPRISE}:department`, 'department'],
    ],
  },
  servicenow: {
    object: 'User',
    active: 'active',
    pairs: [
      ['user_name', 'userPrincipalName'],
      ['email', 'mail'],
      ['first_name', 'givenName'],
      ['last_name', 'surname'],
      ['title', 'jobTitle'],
      ['department', 'department'],
      ['employee_number', 'employeeId'],
      ['country', 'c'],
    ],
  },
  salesforce: {
    object: 'User',
    active: 'IsActive',
    pairs: [
      ['Username', 'userPrincipalName'],
      ['Email', 'mail'],
      ['FirstName', 'givenName'],
      ['LastName', 'surname'],
      ['Title', 'jobTitle'],
      ['Department', 'department'],
      ['CommunityNickname', 'mailNickname'],
      ['FederationIdentifier', 'userPrincipalName'],
      ['EmployeeNumber', 'employeeId'],
    ],
  },
};

const DIALECT_CONNECTORS: Record<Dialect, string> = {
  scim: 'SystemForCrossDomainIdentityManagement',
  servicenow: 'ServiceNow',
  salesforce: 'Salesforce',
};

/** An error code as the app's logs and job status write it: the connector's prefix on Microsoft's code. */
function connectorCode(app: AppSpec, code: string): string {
  return `${app.connector ?? DIALECT_CONNECTORS[app.dialect]}${code}`;
}

function scopeGroups(scope: ScopeSpec): FilterGroup[] {
  return scope.map(([name, clauses]) => ({
    name,
    clauses: clauses.map(([sourceOperandName, operatorName, value]) => ({
      sourceOperandName,
      operatorName,
      targetOperand: { values: value === undefined ? [] : [value] },
    })),
  }));
}

function groupMapping(app: AppSpec): ObjectMapping | undefined {
  if (!app.groupMatch) return undefined;
  const mappings =
    app.groupMatch === 'displayName'
      ? [attr('displayName', 'displayName', 1), attr('externalId', 'objectId'), attr('members', 'members')]
      : [attr('externalId', app.groupMatch, 1), attr('displayName', 'displayName'), attr('members', 'members')];
  return {
    name: `Provision Azure Active Directory Groups`,
    enabled: true,
    sourceObjectName: 'Group',
    targetObjectName: 'Group',
    flowTypes: 'Add, Update, Delete',
    attributeMappings: mappings,
    scope: null,
  };
}

function buildSchema(app: AppSpec, jobId: string): SynchronizationSchema {
  const dialect = USER_MAPPINGS[app.dialect];
  const userMappings = [
    ...dialect.pairs.map(([target, source], i) => attr(target, source, i === 0 ? 1 : 0)),
    activeMapping(dialect.active),
    ...(app.extraUserMappings ?? []).map(([target, source]) => attr(target, source)),
  ];
  const group = groupMapping(app);
  return {
    id: jobId,
    version: 'date:2026-09-14T10:02:11Z;',
    synchronizationRules: [
      {
        id: stableGuid(`rule:${jobId}`),
        name: `USER_OUTBOUND_${slug(app.targetDirectory).toUpperCase()}`,
        sourceDirectoryName: 'Azure Active Directory',
        targetDirectoryName: app.targetDirectory,
        editable: true,
        objectMappings: [
          {
            name: 'Provision Azure Active Directory Users',
            enabled: true,
            sourceObjectName: 'User',
            targetObjectName: dialect.object,
            flowTypes: 'Add, Update, Delete',
            attributeMappings: userMappings,
            scope: app.scope ? { groups: scopeGroups(app.scope), inputFilterGroups: [], categoryFilterGroups: [] } : null,
          },
          ...(group ? [group] : []),
        ],
      },
    ],
    directories: [sourceDirectory(), targetDirectory(app, userMappings, group)],
  };
}

function attributeDefinition(name: string, type: string, extra: { anchor?: boolean; multivalued?: boolean } = {}) {
  return {
    anchor: extra.anchor ?? false, apiExpressions: [], caseExact: false, defaultValue: null, flowNullValues: false,
    metadata: [], multivalued: extra.multivalued ?? false, mutability: 'ReadWrite', name, required: false,
    referencedObjects: type === 'Reference' ? [{ referencedObjectName: 'User', referencedProperty: null }] : [], type,
  };
}

const SOURCE_GROUP_ATTRIBUTES = ['objectId', 'displayName', 'description', 'mail', 'mailNickname', 'mailEnabled', 'securityEnabled', 'members'];

/** The source directory as real schemas list it: the Entra sync-schema attribute names scoping clauses use. */
function sourceDirectory() {
  return {
    id: stableGuid('directory:Azure Active Directory'),
    name: 'Azure Active Directory',
    discoverabilities: 'None',
    discoveryDateTime: null,
    readOnly: true,
    version: null,
    objects: [
      {
        name: 'User', metadata: [], supportedApis: [],
        attributes: SOURCE_USER_ATTRIBUTES.map((a) => attributeDefinition(a.name, a.type, { anchor: a.name === 'objectId', multivalued: a.multivalued })),
      },
      {
        name: 'Group', metadata: [], supportedApis: [],
        attributes: SOURCE_GROUP_ATTRIBUTES.map((name) =>
          attributeDefinition(name, name === 'members' ? 'Reference' : /Enabled$/.test(name) ? 'Boolean' : 'String', { anchor: name === 'objectId', multivalued: name === 'members' })),
      },
    ],
  };
}

/** The target directory: the attributes the mappings write. */
function targetDirectory(app: AppSpec, userMappings: AttributeMapping[], group: ObjectMapping | undefined) {
  const object = (name: string, mappings: AttributeMapping[]) => ({
    name, metadata: [], supportedApis: [],
    attributes: mappings.map((m) => attributeDefinition(m.targetAttributeName, m.targetAttributeName === 'members' ? 'Reference' : 'String', { anchor: m.matchingPriority === 1 })),
  });
  return {
    id: stableGuid(`directory:${app.targetDirectory}`),
    name: app.targetDirectory,
    discoverabilities: 'None',
    discoveryDateTime: null,
    readOnly: false,
    version: null,
    objects: [object(USER_MAPPINGS[app.dialect].object, userMappings), ...(group ? [object('Group', group.attributeMappings)] : [])],
  };
}

// ---------------------------------------------------------------------------------------------------------
// The directory: users and groups

type Subject = { kind: 'User'; user: GraphUser; name: string } | { kind: 'Group'; group: GraphGroup; name: string };

function buildUser(t: TenantSpec, spec: PersonSpec, rng: Rng): GraphUser {
  const office = OFFICES[spec.country] ?? null;
  const displayName = `${spec.given} ${spec.surname}`;
  const local = `${slug(spec.given)}.${slug(spec.surname)}`;
  const upn = `${local}@${t.domain}`;
  const ext: Record<string, string | null> = {};
  for (let i = 1; i <= 15; i++) ext[`extensionAttribute${i}`] = spec.ext?.[`extensionAttribute${i}`] ?? null;
  const created = new Date(Date.parse(t.asOf) - (spec.createdDaysAgo ?? rng.int(120, 1500)) * 86_400_000 - rng.int(0, 86_399) * 1000);
  return {
    id: stableGuid(`${t.key}:user:${displayName}`),
    displayName,
    givenName: spec.given,
    surname: spec.surname,
    userPrincipalName: upn,
    mail: spec.mail === null ? null : upn,
    mailNickname: local,
    accountEnabled: spec.enabled !== false,
    department: spec.department,
    jobTitle: spec.jobTitle,
    country: t.countryStyle === 'code' ? spec.country : (COUNTRY_NAMES[spec.country] ?? spec.country),
    city: office,
    officeLocation: office,
    usageLocation: spec.country,
    employeeId: spec.employeeId === null ? null : String(rng.int(100000, 999999)),
    companyName: t.company,
    userType: 'Member',
    createdDateTime: iso(created.getTime()),
    // Accounts created lately were made in the cloud; Graph answers null, never false, for those.
    onPremisesSyncEnabled: t.syncedFromAD && spec.createdDaysAgo === undefined ? true : null,
    onPremisesExtensionAttributes: ext,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The value a scoping clause or mapping reads: the user's Entra source attribute of that name. */
function sourceValue(user: GraphUser, name: string): string | null {
  const value = sourceAttributes(user)[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

interface ScopeOutcome {
  passed: boolean;
  /** ScopeEvaluationResult as the logs write it: `{"group.attribute OPERATOR 'value'": bool}`. */
  result: Record<string, boolean>;
}

/** The scoping filter as the service evaluates it, on the user's source attributes. */
function evaluateScope(user: GraphUser, scope: ScopeSpec | undefined): ScopeOutcome {
  const { inScope, result } = evaluateServiceScope(scope ? { groups: scopeGroups(scope) } : null, sourceAttributes(user));
  return { passed: inScope, result };
}

// ---------------------------------------------------------------------------------------------------------
// Provisioning log entries

/** Graph writes a few properties the bot's types leave out: tenantId, initiatorType, systems' details. */
type LogEntry = Omit<ProvisioningObjectSummary, 'initiatedBy' | 'sourceSystem' | 'targetSystem'> & {
  tenantId: string;
  initiatedBy: { id: string; displayName: string; initiatorType: string };
  sourceSystem: { id: string; displayName: string; details: Record<string, string> };
  targetSystem: { id: string; displayName: string; details: Record<string, string> };
};

interface AppContext {
  spec: AppSpec;
  sp: ServicePrincipal;
  jobId: string;
  /** Effectively assigned principals: direct, or through an assigned group (direct members). */
  assigned: Set<string>;
}

interface LogWriter {
  entries: LogEntry[];
  add(app: AppContext, subject: Subject, hoursAgo: number, shape: EntryShape): void;
}

interface EntryShape {
  action: 'create' | 'update' | 'disable' | 'other';
  status: 'success' | 'failure' | 'skipped';
  steps: ProvisioningStep[];
  error?: ProvisioningErrorInfo;
  /** Whether the subject exists in the target (gives targetIdentity an id). */
  inTarget: boolean;
  modified?: Array<[string, string | null, string | null]>;
}

function identifier(subject: Subject): string {
  return subject.kind === 'User' ? String(subject.user.userPrincipalName) : subject.group.id;
}

function targetObjectId(app: AppSpec, subject: Subject): string {
  const h = hashHex(`${app.name}:target:${subject.kind}:${subject.name}`);
  if (app.dialect === 'servicenow') return h.slice(0, 32);
  if (app.dialect === 'salesforce') return `005${h.slice(0, 15).toUpperCase()}`;
  return stableGuid(h);
}

function makeLogWriter(t: TenantSpec, tenantId: string, rng: Rng): LogWriter {
  const entries: LogEntry[] = [];
  const asOfMs = Date.parse(t.asOf);
  return {
    entries,
    add(app, subject, hoursAgo, shape) {
      const n = entries.length;
      // Cycles run every 40 minutes; an entry belongs to the cycle it falls in.
      const ms = asOfMs - Math.round(hoursAgo * 3600) * 1000 - rng.int(0, 90) * 1000;
      const cycle = Math.floor(ms / 2_400_000);
      const object = subject.kind === 'User' ? USER_MAPPINGS[app.spec.dialect].object : 'Group';
      entries.push({
        id: stableGuid(`${t.key}:log:${n}`),
        activityDateTime: iso(ms),
        tenantId,
        jobId: app.jobId,
        cycleId: stableGuid(`${t.key}:${app.jobId}:cycle:${cycle}`),
        changeId: stableGuid(`${t.key}:change:${n}`),
        provisioningAction: shape.action,
        durationInMilliseconds: rng.int(180, shape.status === 'failure' ? 9000 : 2400),
        initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
        modifiedProperties: (shape.modified ?? []).map(([displayName, oldValue, newValue]) => ({ displayName, oldValue, newValue })),
        provisioningStatusInfo: { status: shape.status, errorInformation: shape.error ?? null },
        // The service writes step types in either case (Import, import); one tenant shows each.
        provisioningSteps:
          t.stepStyle === 'service'
            ? shape.steps.map((step) => ({ ...step, provisioningStepType: capitalise(String(step.provisioningStepType)) }))
            : shape.steps,
        servicePrincipal: { id: app.sp.id, displayName: app.spec.name },
        sourceIdentity: {
          id: subject.kind === 'User' ? subject.user.id : subject.group.id,
          displayName: subject.name,
          identityType: subject.kind,
          details:
            subject.kind === 'User'
              ? { DisplayName: subject.name, id: subject.user.id, odatatype: 'User', UserPrincipalName: identifier(subject) }
              : { DisplayName: subject.name, id: subject.group.id, odatatype: 'Group' },
        },
        targetIdentity: {
          id: shape.inTarget ? targetObjectId(app.spec, subject) : '',
          displayName: shape.inTarget ? identifier(subject) : '',
          identityType: object,
          details: {},
        },
        sourceSystem: { id: stableGuid(`${t.key}:source-system`), displayName: t.sourceSystemName, details: {} },
        targetSystem: {
          id: stableGuid(`${t.key}:target-system:${app.spec.name}`),
          displayName: app.spec.targetDirectory,
          details: { ApplicationId: app.sp.appId, ServicePrincipalDisplayName: app.spec.name, ServicePrincipalId: app.sp.id },
        },
      });
    },
  };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

// Steps, in the order the service writes them.

function importStep(t: TenantSpec, subject: Subject, change: 'Add' | 'Update'): ProvisioningStep {
  const id = subject.kind === 'User' ? subject.user.id : subject.group.id;
  return {
    name: `EntryImport${change}`,
    provisioningStepType: 'import',
    status: 'success',
    description: `Received ${subject.kind} '${identifier(subject)}' change of type (${change}) from ${t.sourceSystemName}`,
    details: { objectId: id },
  };
}

function matchStep(app: AppSpec, subject: Subject, found: boolean): ProvisioningStep {
  const matchAttr = subject.kind === 'User' ? USER_MAPPINGS[app.dialect].pairs[0][0] : app.groupMatch === 'displayName' ? 'displayName' : 'externalId';
  return {
    name: 'EntryImport',
    provisioningStepType: 'matching',
    status: 'success',
    description: found
      ? `Retrieved ${subject.kind} '${identifier(subject)}' from ${app.targetDirectory}`
      : `${subject.kind} '${identifier(subject)}' was not found in ${app.targetDirectory} (searched for ${matchAttr} equal to the source value)`,
    details: found ? { id: targetObjectId(app, subject), [matchAttr]: subject.kind === 'User' ? identifier(subject) : subject.name } : {},
  };
}

interface ScopingFacts {
  active: boolean;
  assigned: boolean;
  scope: ScopeOutcome;
}

const bool = (value: boolean): string => (value ? 'True' : 'False');

function scopingStep(t: TenantSpec, subject: Subject, facts: ScopingFacts): ProvisioningStep {
  const inScope = facts.active && facts.assigned && facts.scope.passed;
  return {
    name: 'EntrySynchronizationScoping',
    provisioningStepType: 'scoping',
    status: inScope ? 'success' : 'skipped',
    description: `Determine if ${subject.kind} in scope by evaluating against each scoping filter`,
    details: {
      'Active in the source system': bool(facts.active),
      ...(t.stepStyle === 'portal' ? { 'Assigned to the application': bool(facts.assigned) } : {}),
      [`${subject.kind} has the required role`]: bool(facts.assigned),
      ScopeEvaluationResult: JSON.stringify(facts.scope.result),
      'Scoping filter evaluation passed': bool(facts.scope.passed),
    },
  };
}

/**
 * The NotEffectivelyEntitled skip; which keys are false tells the three causes apart. The portal style writes
 * `Assigned to the application` and `IsInProvisioningScope`; the service style `User has the required role`
 * and `IsInProvisioningScopeDisplayName`, always with `IsEffectivelyEntitledForProvisioning`.
 */
function notEntitledStep(t: TenantSpec, subject: Subject, facts: ScopingFacts, entitled: boolean): ProvisioningStep {
  const details: Record<string, string> =
    t.stepStyle === 'portal'
      ? {
          SkipReason: 'NotEffectivelyEntitled',
          IsActive: bool(facts.active),
          'Assigned to the application': bool(facts.assigned),
          IsInProvisioningScope: bool(facts.scope.passed),
          ScopeEvaluationResult: JSON.stringify(facts.scope.result),
          ReportableIdentifier: identifier(subject),
        }
      : {
          SkipReason: 'NotEffectivelyEntitled',
          'Active in the source system': bool(facts.active),
          [`${subject.kind} has the required role`]: bool(facts.assigned),
          IsInProvisioningScopeDisplayName: bool(facts.scope.passed),
          IsEffectivelyEntitledForProvisioning: 'False',
          ScopeEvaluationResult: JSON.stringify(facts.scope.result),
          ReportableIdentifier: identifier(subject),
        };
  if (!entitled) details.IsEffectivelyEntitledForProvisioning = 'False';
  return {
    name: 'EntrySynchronizationSkip',
    provisioningStepType: 'scoping',
    status: 'skipped',
    description: `The ${subject.kind} '${identifier(subject)}' will be skipped because it is not effectively entitled for provisioning.`,
    details,
  };
}

function redundantStep(subject: Subject): ProvisioningStep {
  return {
    name: 'EntrySynchronizationSkip',
    provisioningStepType: 'export',
    status: 'skipped',
    description: `The state of the entry in both the source and target systems already match. No change to the ${subject.kind} '${identifier(subject)}' currently needs to be made.`,
    details: { ReportableIdentifier: identifier(subject), SkipReason: 'RedundantExport' },
  };
}

function exportStep(app: AppSpec, subject: Subject, change: 'Add' | 'Update', ok: boolean, details: Record<string, string> = {}): ProvisioningStep {
  const verb = change === 'Add' ? 'Created' : 'Updated';
  return {
    name: `EntryExport${change}`,
    provisioningStepType: 'export',
    status: ok ? 'success' : 'failure',
    description: ok
      ? `${verb} ${subject.kind} '${identifier(subject)}' in ${app.targetDirectory}`
      : `Failed to ${change === 'Add' ? 'create' : 'update'} ${subject.kind} '${identifier(subject)}' in ${app.targetDirectory}`,
    details: { ReportableIdentifier: identifier(subject), ...details },
  };
}

function scimFailure(status: number, detail: string, scimType: string): ProvisioningErrorInfo {
  const phrase = status === 409 ? 'Conflict' : 'Bad Request';
  const body = JSON.stringify({ schemas: [SCIM_ERROR], status: String(status), scimType, detail });
  return {
    errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
    reason: `Processing of the HTTP request resulted in an exception. Please see the HTTP response returned by the 'Response' property of this exception for details. The response was: StatusCode: ${status}, ReasonPhrase: '${phrase}', Content-Type: application/scim+json; charset=utf-8. Response body: ${body}`,
    additionalDetails: 'The SCIM endpoint of the application did not accept the request.',
    errorCategory: 'NonServiceFailure',
    recommendedAction: 'Check the error the application returned, correct the attribute values or mappings, then let the next cycle retry.',
  };
}

/** The user attributes a create sends, as modifiedProperties [name, old, new]. */
function createdProperties(app: AppSpec, user: GraphUser): Array<[string, string | null, string | null]> {
  return USER_MAPPINGS[app.dialect].pairs
    .filter(([, source]) => sourceValue(user, source) !== null)
    .map(([target, source]) => [target, null, `["${sourceValue(user, source)}"]`]);
}

const PREVIOUS_VALUES = ['Associate', 'Contractor', 'Operations', 'Consultant', 'Intern', 'Analyst'];

/** What an update changed: a group's members, or a user's title or department (new value = the current one). */
function changedProperty(app: AppSpec, s: Subject, rng: Rng): [string, string | null, string | null] {
  if (s.kind === 'Group') return ['members', null, `["${rng.int(1, 3)} added", "${rng.int(0, 1)} removed"]`];
  const candidates = USER_MAPPINGS[app.dialect].pairs.filter(([, source]) => ['jobTitle', 'department'].includes(source) && sourceValue(s.user, source) !== null);
  const [target, source] = rng.pick(candidates);
  return [target, `["${rng.pick(PREVIOUS_VALUES)}"]`, `["${sourceValue(s.user, source)}"]`];
}

// Entry shapes, one per situation.

function subjectFacts(app: AppContext, subject: Subject): ScopingFacts {
  const id = subject.kind === 'User' ? subject.user.id : subject.group.id;
  return {
    active: subject.kind === 'Group' || subject.user.accountEnabled !== false,
    assigned: app.assigned.has(id),
    scope: subject.kind === 'User' ? evaluateScope(subject.user, app.spec.scope) : { passed: true, result: {} },
  };
}

const shapes = {
  create(t: TenantSpec, app: AppContext, s: Subject): EntryShape {
    return {
      action: 'create', status: 'success', inTarget: true,
      modified: s.kind === 'User' ? createdProperties(app.spec, s.user) : [['displayName', null, `["${s.name}"]`]],
      steps: [importStep(t, s, 'Add'), matchStep(app.spec, s, false), scopingStep(t, s, subjectFacts(app, s)), exportStep(app.spec, s, 'Add', true)],
    };
  },
  update(t: TenantSpec, app: AppContext, s: Subject, rng: Rng): EntryShape {
    return {
      action: 'update', status: 'success', inTarget: true, modified: [changedProperty(app.spec, s, rng)],
      steps: [importStep(t, s, 'Update'), matchStep(app.spec, s, true), scopingStep(t, s, subjectFacts(app, s)), exportStep(app.spec, s, 'Update', true)],
    };
  },
  redundant(t: TenantSpec, app: AppContext, s: Subject): EntryShape {
    return {
      action: 'other', status: 'skipped', inTarget: true,
      steps: [importStep(t, s, 'Update'), matchStep(app.spec, s, true), scopingStep(t, s, subjectFacts(app, s)), redundantStep(s)],
    };
  },
  /** Not assigned, out of scope, or (entitled = false) a bad assignment record. */
  notEntitled(t: TenantSpec, app: AppContext, s: Subject, entitled = true): EntryShape {
    const facts = subjectFacts(app, s);
    return {
      action: 'other', status: 'skipped', inTarget: false,
      steps: [importStep(t, s, 'Update'), scopingStep(t, s, facts), notEntitledStep(t, s, facts, entitled)],
    };
  },
  disable(t: TenantSpec, app: AppContext, s: Subject): EntryShape {
    const active = USER_MAPPINGS[app.spec.dialect].active;
    return {
      action: 'disable', status: 'success', inTarget: true, modified: [[active, '["True"]', '["False"]']],
      steps: [importStep(t, s, 'Update'), matchStep(app.spec, s, true), scopingStep(t, s, subjectFacts(app, s)), exportStep(app.spec, s, 'Update', true)],
    };
  },
  exportFailure(t: TenantSpec, app: AppContext, s: Subject, change: 'Add' | 'Update', error: ProvisioningErrorInfo): EntryShape {
    return {
      action: change === 'Add' ? 'create' : 'update', status: 'failure', inTarget: change === 'Update', error,
      steps: [
        importStep(t, s, change), matchStep(app.spec, s, change === 'Update'), scopingStep(t, s, subjectFacts(app, s)),
        exportStep(app.spec, s, change, false, { ErrorCode: String(error.errorCode) }),
      ],
    };
  },
  requiredAttributeEmpty(t: TenantSpec, app: AppContext, s: Subject): EntryShape {
    const target = USER_MAPPINGS[app.spec.dialect].pairs.find(([, source]) => source === 'mail')![0];
    const error: ProvisioningErrorInfo =
      t.missingAttributeStyle === 'scim-error'
        ? scimFailure(400, 'Required property missing: emails', 'invalidValue')
        : {
            errorCode: connectorCode(app.spec, 'MandatoryFieldsMissing'),
            reason: `The User '${identifier(s)}' could not be exported to ${app.spec.targetDirectory} because the mandatory attribute '${target}' has no value. Source attribute: mail.`,
            additionalDetails: `Mandatory attribute missing: ${target}`,
            errorCategory: 'NonServiceFailure',
            recommendedAction: 'Populate the source attribute (mail) for the user, or change the attribute mapping so the mandatory target attribute always has a value.',
          };
    return shapes.exportFailure(t, app, s, 'Add', error);
  },
  matchingAttributeEmpty(t: TenantSpec, app: AppContext, s: Subject): EntryShape {
    const attribute = String(app.spec.groupMatch);
    return {
      action: 'other', status: t.matchingEmptyStatus, inTarget: false,
      error: {
        errorCode: 'ImportSkipped',
        reason: `The ${s.kind} '${s.name}' was skipped because it has no value for the matching attribute '${attribute}'. Without a value the provisioning service cannot evaluate scoping, matching or export for it.`,
        additionalDetails: `Matching attribute: ${attribute}`,
        errorCategory: 'NonServiceFailure',
        recommendedAction: `Give the ${s.kind.toLowerCase()} a value for '${attribute}', or change the matching attribute in the ${s.kind} attribute mappings.`,
      },
      steps: [
        importStep(t, s, 'Add'),
        {
          name: 'EntrySynchronizationSkip',
          provisioningStepType: 'import',
          status: 'skipped',
          description: `The ${s.kind} '${s.name}' was skipped because the matching attribute '${attribute}' is empty.`,
          details: { ReportableIdentifier: identifier(s), MatchingAttribute: attribute, MatchingAttributeValue: '' },
        },
      ],
    };
  },
};

// ---------------------------------------------------------------------------------------------------------
// Jobs

function execution(start: number, minutes: number, state: string, counts: Partial<SynchronizationTaskExecution> = {}): SynchronizationTaskExecution {
  return {
    activityIdentifier: stableGuid(`execution:${start}:${state}`),
    countEntitled: 0, countEntitledForProvisioning: 0, countEscrowed: 0, countEscrowedRaw: 0, countExported: 0,
    countExports: 0, countImported: 0, countImportedDeltas: 0, countImportedReferenceDeltas: 0,
    error: null, state, timeBegan: iso(start), timeEnded: iso(start + minutes * 60_000),
    ...counts,
  };
}

/**
 * A Paused job can keep the quarantine object of an earlier quarantine, its times and reason emptied: Graph's own
 * job example, taken as published from the fixture module. Only status.code Quarantine means quarantined.
 */
const LEFTOVER_SALESFORCE_QUARANTINE = (JOB_PAUSED_WITH_LEFTOVER_QUARANTINE.status as SynchronizationStatus).quarantine;

function buildJob(t: TenantSpec, app: AppContext, users: number): { job: SynchronizationJob; credentials?: { status: number; code: string; message: string } } {
  const asOf = Date.parse(t.asOf);
  // Jobs run at irregular seconds; a fixed 137 s keeps the status times from looking hand-made.
  const h = (hours: number) => asOf - hours * 3_600_000 - 137_000;
  const spec = app.spec;
  const entitled = app.assigned.size;
  const counts = { countEntitled: entitled, countEntitledForProvisioning: entitled, countImported: users, countImportedDeltas: 3 };
  const byType = [{ key: 'user to User', value: Math.max(entitled - 2, 0) }, ...(spec.groupMatch ? [{ key: 'group to Group', value: spec.assignedGroups.length }] : [])];
  const base: SynchronizationStatus = {
    code: 'Active', countSuccessiveCompleteFailures: 0, escrowsPruned: false, lastExecution: null,
    lastSuccessfulExecution: null, lastSuccessfulExecutionWithExports: null, progress: [], quarantine: null,
    steadyStateFirstAchievedTime: iso(h(24 * 140)), steadyStateLastAchievedTime: iso(h(0.2)),
    synchronizedEntryCountByType: byType, troubleshootingUrl: null,
  };
  let interval = 'PT40M';
  let status: SynchronizationStatus = base;
  let schedule = 'Active';
  let credentials: { status: number; code: string; message: string } | undefined;
  switch (spec.job) {
    case 'healthy': {
      const last = execution(h(0.2), 1, 'Succeeded', { ...counts, countExported: 2, countExports: 2 });
      status = { ...base, lastExecution: last, lastSuccessfulExecution: last, lastSuccessfulExecutionWithExports: execution(h(1.55), 2, 'Succeeded', { ...counts, countExported: 4, countExports: 4 }) };
      break;
    }
    case 'quarantine-credentials': {
      const code = connectorCode(spec, 'InvalidCredentials');
      const message = String(spec.credentialMessage);
      const error = { code, message, tenantActionable: true };
      const lastGood = execution(h(70), 1, 'Succeeded', counts);
      status = {
        ...base, code: 'Quarantine', countSuccessiveCompleteFailures: 4,
        lastExecution: execution(h(26.5), 0.3, 'Failed', { error }),
        lastSuccessfulExecution: lastGood, lastSuccessfulExecutionWithExports: execution(h(72), 2, 'Succeeded', { ...counts, countExported: 3, countExports: 3 }),
        steadyStateLastAchievedTime: iso(h(70)),
        quarantine: { currentBegan: iso(h(26.5)), nextAttempt: iso(h(-5)), reason: 'EncounteredQuarantineException', seriesBegan: iso(h(68.5)), seriesCount: 4, error },
      };
      credentials = { status: 400, code, message };
      break;
    }
    case 'quarantine-escrow': {
      const e = spec.escrow!;
      const error = {
        code: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
        message: `Provisioning to ${spec.name} has been quarantined: ${e.escrowed} of ${e.entitled} entitled objects failed to export and are held in escrow (${e.raw.toLocaleString('en-US')} failed attempts), which exceeds the allowed ${e.reason === 'EncounteredTotalEscrowThreshold' ? 'total number' : 'proportion'} of escrowed objects. Most escrows failed with SystemForCrossDomainIdentityManagementServiceIncompatible; see the provisioning logs.`,
        tenantActionable: true,
      };
      const escrowCounts = { ...counts, countEntitled: e.entitled, countEntitledForProvisioning: e.entitled, countEscrowed: e.escrowed, countEscrowedRaw: e.raw, countExported: e.entitled - e.escrowed, countExports: e.entitled };
      status = {
        ...base, code: 'Quarantine', countSuccessiveCompleteFailures: 0,
        lastExecution: execution(h(6), 4, 'EntryLevelErrors', { ...escrowCounts, error }),
        lastSuccessfulExecution: execution(h(e.since + 1), 1, 'Succeeded', counts),
        lastSuccessfulExecutionWithExports: execution(h(e.since + 3), 2, 'Succeeded', { ...counts, countExported: 5, countExports: 5 }),
        steadyStateLastAchievedTime: iso(h(e.since + 1)),
        quarantine: { currentBegan: iso(h(6)), nextAttempt: iso(h(-6)), reason: e.reason, seriesBegan: iso(h(e.since - 12)), seriesCount: 2, error },
      };
      break;
    }
    case 'paused': {
      const last = execution(h(121), 1, 'Succeeded', counts);
      schedule = 'Paused';
      status = {
        ...base, code: 'Paused', lastExecution: last, lastSuccessfulExecution: last,
        lastSuccessfulExecutionWithExports: execution(h(124), 2, 'Succeeded', { ...counts, countExported: 2, countExports: 2 }),
        steadyStateLastAchievedTime: iso(h(121)),
        quarantine: spec.dialect === 'salesforce' ? LEFTOVER_SALESFORCE_QUARANTINE : null,
      };
      break;
    }
    case 'never-run':
      // Configured, never switched on: Graph shows the schedule Disabled with TimeSpan.MaxValue as interval.
      schedule = 'Disabled';
      interval = NEVER_INTERVAL;
      status = { ...base, code: 'NotRun', steadyStateFirstAchievedTime: NEVER, steadyStateLastAchievedTime: NEVER, synchronizedEntryCountByType: [] };
      break;
    case 'initial-cycle':
      // NotRun: "configured, and possibly started, but hasn't completed its first run" (synchronizationStatus).
      status = {
        ...base, code: 'NotRun', steadyStateFirstAchievedTime: NEVER, steadyStateLastAchievedTime: NEVER, synchronizedEntryCountByType: [],
        lastExecution: notYetRunExecution(),
        progress: [{ completedUnits: Math.round(users * 0.55), totalUnits: users, units: 'Users', progressObservationDateTime: iso(h(0.05)) }],
      };
      break;
  }
  return {
    job: {
      id: app.jobId,
      templateId: spec.templateId,
      schedule: { expiration: null, interval, state: schedule },
      status,
      synchronizationJobSettings: [{ name: 'QuarantineTooManyDeletesThreshold', value: '500' }],
    },
    credentials,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Service principals and assignments

function appRoles(appName: string): AppRole[] {
  const role = (value: string, displayName: string, description: string): AppRole => ({
    id: stableGuid(`${appName}:role:${value}`), displayName, value, description, allowedMemberTypes: ['User'], isEnabled: true,
  });
  return [role('User', 'User', 'User'), role('msiam_access', 'msiam_access', 'msiam_access'), role('Admin', 'Admin', 'Administrator of the application')];
}

function servicePrincipal(t: TenantSpec, name: string, provisioning: boolean): ServicePrincipal {
  const firstParty = ['Microsoft Graph', 'Office 365 SharePoint Online', 'Office 365 Exchange Online', 'Power BI Service'].includes(name);
  return {
    id: stableGuid(`${t.key}:sp:${name}`),
    appId: stableGuid(`${firstParty ? 'microsoft' : t.key}:app:${name}`),
    displayName: name,
    accountEnabled: true,
    servicePrincipalType: 'Application',
    tags: provisioning ? ['WindowsAzureActiveDirectoryIntegratedApp', 'WindowsAzureActiveDirectoryGalleryApplicationPrimaryV1'] : firstParty ? [] : ['WindowsAzureActiveDirectoryIntegratedApp'],
    appRoles: firstParty
      ? [{ id: stableGuid(`${name}:role:Directory.Read.All`), displayName: 'Read directory data', value: 'Directory.Read.All', description: 'Allows the app to read data in your directory.', allowedMemberTypes: ['Application'], isEnabled: true }]
      : appRoles(name),
  };
}

// ---------------------------------------------------------------------------------------------------------
// One tenant

export function buildTenant(t: TenantSpec): DemoTenantFile {
  const rng = rngFor(`demo-tenant:${t.key}`);
  const tenantId = stableGuid(`tenant:${t.key}`);
  const asOfMs = Date.parse(t.asOf);
  const users = t.people.map((spec) => buildUser(t, spec, rng));
  const userByName = new Map(users.map((u) => [String(u.displayName), u]));
  const scenarioNames = new Set(t.cases.map((c) => c.who));
  const routineUsers = users.filter((u) => !scenarioNames.has(String(u.displayName)));

  const groups: GraphGroup[] = t.groups.map((g) => {
    const nickname = g.mailNickname === undefined ? slug(g.name) : g.mailNickname;
    return {
      id: stableGuid(`${t.key}:group:${g.name}`),
      displayName: g.name,
      description: g.description,
      mail: g.mailEnabled && nickname ? `${nickname}@${t.domain}` : null,
      mailNickname: nickname,
      mailEnabled: g.mailEnabled ?? false,
      securityEnabled: true,
      groupTypes: [],
      createdDateTime: iso(asOfMs - rng.int(200, 900) * 86_400_000),
    };
  });
  const groupByName = new Map(groups.map((g) => [String(g.displayName), g]));
  const groupMembers: Record<string, string[]> = {};
  for (const g of t.groups) {
    const byDept = routineUsers.filter((u) => g.departments?.includes(String(u.department)));
    const named = (g.names ?? []).map((n) => must(userByName.get(n), `group member ${n}`));
    groupMembers[groupByName.get(g.name)!.id] = [...named, ...byDept].map((u) => u.id);
  }

  // Service principals, assignments and jobs.
  const servicePrincipals: ServicePrincipal[] = [];
  const appRoleAssignments: AppRoleAssignment[] = [];
  const synchronization: DemoTenantFile['synchronization'] = {};
  const credentials: Record<string, { status: number; code: string; message: string }> = {};
  const apps = new Map<string, AppContext>();
  for (const spec of t.apps) {
    const sp = servicePrincipal(t, spec.name, true);
    servicePrincipals.push(sp);
    const userRole = sp.appRoles![0].id;
    const assigned = new Set<string>();
    const assign = (principalId: string, principalType: 'User' | 'Group', principalDisplayName: string) => {
      appRoleAssignments.push({
        id: assignmentId(`${t.key}:${spec.name}:${principalId}`),
        appRoleId: userRole,
        principalId,
        principalType,
        principalDisplayName,
        resourceId: sp.id,
        resourceDisplayName: spec.name,
        createdDateTime: iso(asOfMs - rng.int(10, 300) * 86_400_000),
        deletedDateTime: null,
      });
      assigned.add(principalId);
    };
    for (const name of spec.assignedGroups) {
      const g = must(groupByName.get(name), `group ${name}`);
      assign(g.id, 'Group', name);
      for (const member of groupMembers[g.id]) assigned.add(member);
    }
    for (const name of spec.assignedUsers) assign(must(userByName.get(name), `user ${name}`).id, 'User', name);
    const jobId = `${spec.templateId}.${tenantId.replace(/-/g, '')}.${sp.appId.replace(/-/g, '')}`;
    const app: AppContext = { spec, sp, jobId, assigned };
    apps.set(spec.name, app);
    const built = buildJob(t, app, users.length);
    synchronization[sp.id] = { jobs: [built.job], schemas: { [jobId]: buildSchema(spec, jobId) } };
    if (built.credentials) credentials[jobId] = built.credentials;
  }
  for (const name of t.plainApps) servicePrincipals.push(servicePrincipal(t, name, false));

  const log = makeLogWriter(t, tenantId, rng);
  writeCaseEntries(t, log, apps, userByName, groupByName);
  writeRoutineEntries(t, log, apps, routineUsers, groups, rng);
  writeDeletedAppEntries(t, log, tenantId, routineUsers, rng);
  const secrets = addDeprovisioningStories(t, tenantId, log, { users, groups, groupMembers, servicePrincipals, synchronization, apps });

  // Stored in the order they happened; the demo server keeps that order unless $orderby asks for another.
  const provisioningLogs = [...log.entries].sort((a, b) => a.activityDateTime.localeCompare(b.activityDateTime));
  const tenant: DemoTenantFile = {
    tenant: { id: tenantId, displayName: t.company, defaultDomain: t.domain },
    asOf: t.asOf,
    users,
    groups,
    groupMembers,
    servicePrincipals,
    appRoleAssignments,
    synchronization,
    provisioningLogs,
    synchronizationSecrets: secrets,
    simulation: { credentials },
  };
  addHistoryAndMappingStory(t, tenant);
  return tenant;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The scenario table names an unknown ${what}`);
  return value;
}

/** The entries that show each scenario person's cause; checks the table agrees with assignments and scope. */
function writeCaseEntries(
  t: TenantSpec,
  log: LogWriter,
  apps: Map<string, AppContext>,
  userByName: Map<string, GraphUser>,
  groupByName: Map<string, GraphGroup>,
): void {
  const rng = rngFor(`cases:${t.key}`);
  for (const c of t.cases) {
    const app = must(apps.get(c.app), `app ${c.app}`);
    const user = userByName.get(c.who);
    const subject: Subject = user
      ? { kind: 'User', user, name: c.who }
      : { kind: 'Group', group: must(groupByName.get(c.who), `person or group ${c.who}`), name: c.who };
    const facts = subjectFacts(app, subject);
    const expect = (ok: boolean, what: string) => {
      if (!ok) throw new Error(`Scenario ${c.who} / ${c.app} (${c.kind}): ${what}`);
    };
    // Jitter so case entries fall at irregular minutes like real ones; oldest first.
    const hours = [...c.hoursAgo].sort((a, b) => b - a).map((hr) => (hr >= 1 ? hr + rng.next() * 0.4 : hr));
    switch (c.kind) {
      case 'scoped-out':
        expect(facts.assigned && !facts.scope.passed, 'must be assigned and out of scope');
        for (const hr of hours) log.add(app, subject, hr, shapes.notEntitled(t, app, subject));
        break;
      case 'not-assigned':
        expect(!facts.assigned && facts.scope.passed, 'must be unassigned and in scope');
        for (const hr of hours) log.add(app, subject, hr, shapes.notEntitled(t, app, subject));
        break;
      case 'not-effectively-entitled':
        expect(facts.assigned && facts.scope.passed && facts.active, 'must be assigned, active and in scope');
        for (const hr of hours) log.add(app, subject, hr, shapes.notEntitled(t, app, subject, false));
        break;
      case 'required-attribute-empty':
        expect(facts.assigned && facts.scope.passed && subject.kind === 'User' && !subject.user.mail, 'must be in scope with no mail');
        for (const hr of hours) log.add(app, subject, hr, shapes.requiredAttributeEmpty(t, app, subject));
        break;
      case 'provisioned':
        expect(facts.assigned && facts.scope.passed && facts.active, 'must be assigned, active and in scope');
        hours.forEach((hr, i) => log.add(app, subject, hr, i === 0 ? shapes.create(t, app, subject) : shapes.update(t, app, subject, rng)));
        break;
      case 'disabled-in-source':
        expect(facts.assigned && !facts.active, 'must be assigned and disabled');
        for (const hr of hours) {
          // A disabled user already in the target is disabled there; one never created is skipped.
          log.add(app, subject, hr, app.spec.job === 'initial-cycle' ? shapes.notEntitled(t, app, subject) : shapes.disable(t, app, subject));
        }
        break;
      case 'not-yet-processed':
        expect(facts.assigned && app.spec.job === 'initial-cycle' && hours.length === 0, 'must be assigned to an app in its initial cycle');
        break;
      case 'matching-attribute-empty':
        expect(subject.kind === 'Group' && facts.assigned && !subject.group[String(app.spec.groupMatch)], 'must be an assigned group without its matching attribute');
        for (const hr of hours) log.add(app, subject, hr, shapes.matchingAttributeEmpty(t, app, subject));
        break;
    }
  }
  // Scenario people must not pick up unexplained assignments (e.g. through a group): every app they are
  // assigned to has a case for them, so each diagnosis has one clear answer. Jobs never run have no logs at all.
  for (const app of apps.values()) {
    if (app.spec.job === 'never-run') continue;
    for (const who of new Set(t.cases.map((c) => c.who))) {
      const id = userByName.get(who)?.id ?? groupByName.get(who)?.id;
      const covered = t.cases.some((c) => c.who === who && c.app === app.spec.name);
      if (id && app.assigned.has(id) && !covered) throw new Error(`Scenario ${who} is assigned to ${app.spec.name} without a case there`);
    }
  }
}

/** When each kind of job had routine traffic: [oldest, newest] in hours before asOf. */
function activityWindow(app: AppSpec): [number, number] | undefined {
  switch (app.job) {
    case 'healthy':
      return [160, 0.2];
    case 'quarantine-credentials':
      return [160, 70];
    case 'quarantine-escrow':
      return [160, app.escrow!.since];
    case 'paused':
      return [165, 121];
    case 'initial-cycle':
      return [35 / 60, 0.05];
    case 'never-run':
      return undefined;
  }
}

/**
 * Routine traffic for everyone who is not a scenario person: what an admin sees in a real tenant, and what a
 * bot must filter out. Consistent with assignments and scoping, so it never contradicts a diagnosis.
 */
function writeRoutineEntries(t: TenantSpec, log: LogWriter, apps: Map<string, AppContext>, routineUsers: GraphUser[], groups: GraphGroup[], rng: Rng): void {
  const scenarioGroups = new Set(t.cases.map((c) => c.who));
  for (const app of apps.values()) {
    const window = activityWindow(app.spec);
    if (!window) continue;
    const [oldest, newest] = window;
    const at = () => newest + rng.next() * (oldest - newest);
    const initial = app.spec.job === 'initial-cycle';
    for (const user of routineUsers) {
      const s: Subject = { kind: 'User', user, name: String(user.displayName) };
      const facts = subjectFacts(app, s);
      const createdHoursAgo = (Date.parse(t.asOf) - Date.parse(String(user.createdDateTime))) / 3_600_000;
      if (initial) {
        // The initial cycle has reached about half of the directory.
        if (rng.next() < 0.45) continue;
        if (!facts.assigned) log.add(app, s, at(), shapes.notEntitled(t, app, s));
        else if (!facts.active) log.add(app, s, at(), shapes.notEntitled(t, app, s));
        else log.add(app, s, at(), shapes.create(t, app, s));
        continue;
      }
      if (!facts.assigned) {
        if (rng.next() < 0.2 * app.spec.activity) log.add(app, s, at(), shapes.notEntitled(t, app, s));
      } else if (!facts.scope.passed) {
        const n = rng.int(1, Math.ceil(app.spec.activity));
        for (let i = 0; i < n; i++) log.add(app, s, at(), shapes.notEntitled(t, app, s));
      } else if (!facts.active) {
        log.add(app, s, at(), shapes.disable(t, app, s));
      } else {
        if (createdHoursAgo < oldest && createdHoursAgo > newest) log.add(app, s, createdHoursAgo - 0.5, shapes.create(t, app, s));
        const n = rng.int(1, Math.round(3 * app.spec.activity));
        for (let i = 0; i < n; i++) {
          const hr = createdHoursAgo < oldest ? Math.min(at(), createdHoursAgo - 1) : at();
          if (hr < newest) continue;
          log.add(app, s, hr, rng.next() < 0.55 ? shapes.redundant(t, app, s) : shapes.update(t, app, s, rng));
        }
      }
      if (app.spec.escrow && facts.assigned && facts.scope.passed && facts.active) {
        // Every retry since the mapping change fails the same way.
        const e = app.spec.escrow;
        const error = scimFailure(e.status, e.detail, e.status === 409 ? 'uniqueness' : 'invalidSyntax');
        for (let hr = e.since; hr > 5; hr -= rng.int(8, 14)) log.add(app, s, hr, shapes.exportFailure(t, app, s, 'Update', error));
      }
    }
    if (app.spec.groupMatch && !initial) {
      for (const g of groups) {
        if (!app.assigned.has(g.id) || scenarioGroups.has(String(g.displayName))) continue;
        const s: Subject = { kind: 'Group', group: g, name: String(g.displayName) };
        const n = rng.int(2, Math.round(4 * app.spec.activity));
        for (let i = 0; i < n; i++) log.add(app, s, at(), rng.next() < 0.5 ? shapes.redundant(t, app, s) : shapes.update(t, app, s, rng));
      }
    }
  }
}

/** Entries of an app that was deleted since: their service principal id no longer resolves. */
function writeDeletedAppEntries(t: TenantSpec, log: LogWriter, tenantId: string, routineUsers: GraphUser[], rng: Rng): void {
  const spec: AppSpec = {
    name: t.deletedApp.name, templateId: t.deletedApp.templateId, dialect: 'scim', targetDirectory: t.deletedApp.name,
    job: 'healthy', assignedGroups: [], assignedUsers: [], activity: 1,
  };
  const sp = servicePrincipal(t, spec.name, true);
  const app: AppContext = {
    spec, sp, jobId: `${spec.templateId}.${tenantId.replace(/-/g, '')}.${sp.appId.replace(/-/g, '')}`,
    assigned: new Set(routineUsers.map((u) => u.id)),
  };
  for (let i = 0; i < 12; i++) {
    const user = rng.pick(routineUsers.filter((u) => u.accountEnabled));
    const s: Subject = { kind: 'User', user, name: String(user.displayName) };
    log.add(app, s, t.deletedApp.lastSeenHoursAgo + rng.next() * 30, rng.next() < 0.5 ? shapes.redundant(t, app, s) : shapes.update(t, app, s, rng));
  }
}

// =========================================================================================================
// Story: an app's history and a job title a mapping gets wrong (issue 12: topics `history` and `mapping`).
// Entra audit-log entries (`directoryAudit`, category ProvisioningManagement) about apps' provisioning, and a
// user mapping whose Switch expression gives one person the wrong title, with the log entry that exported it.
// =========================================================================================================

interface AuditStoryEvent {
  app: string;
  hoursAgo: number;
  /** Entra's activity names for provisioning changes. */
  activity: string;
  /** A person of the tenant, or the provisioning service itself. */
  by: string | 'service';
  changed?: string[];
}

interface MappingStory {
  app: string;
  /** The target attribute (in the app's dialect) whose mapping becomes an expression. */
  target: string;
  expression: string;
  person: string;
  /** What the expression gives the person: the value the last export sent. */
  exported: string;
  hoursAgo: number;
}

const HISTORY_AND_MAPPING_STORIES: Record<string, { events: AuditStoryEvent[]; mapping: MappingStory }> = {
  contoso: {
    events: [
      { app: 'Salesforce', hoursAgo: 240, activity: 'Update provisioning setting or credentials', by: 'Nestor Wilke', changed: ['Notification Email'] },
      { app: 'Salesforce', hoursAgo: 30, activity: 'Update attribute mappings or scope', by: 'Miriam Graham', changed: ['Title'] },
      { app: 'Salesforce', hoursAgo: 29, activity: 'Enable/restart provisioning configuration', by: 'Miriam Graham' },
      { app: 'ServiceNow', hoursAgo: 80, activity: 'Update provisioning setting or credentials', by: 'Allan Deyoung', changed: ['Admin Password'] },
      { app: 'ServiceNow', hoursAgo: 79, activity: 'Enable/start provisioning configuration', by: 'Allan Deyoung' },
    ],
    mapping: {
      app: 'Salesforce',
      target: 'Title',
      expression: 'Switch([department], [jobTitle], "Sales", "Account Executive")',
      person: 'Cameron White',
      exported: 'Account Executive',
      hoursAgo: 4,
    },
  },
  fabrikam: {
    events: [
      { app: 'Dropbox Business', hoursAgo: 200, activity: 'Update provisioning setting or credentials', by: 'Stefan Novak', changed: ['Secret Token'] },
      { app: 'Zendesk', hoursAgo: 60, activity: 'Update attribute mappings or scope', by: 'Connor Walsh', changed: ['title'] },
      { app: 'Zendesk', hoursAgo: 59, activity: 'Enable/restart provisioning configuration', by: 'Connor Walsh' },
      { app: 'Zendesk', hoursAgo: 20, activity: 'Disable/pause provisioning configuration', by: 'Tara Quinn' },
      { app: 'Zendesk', hoursAgo: 19, activity: 'Enable/start provisioning configuration', by: 'Tara Quinn' },
    ],
    mapping: {
      app: 'Zendesk',
      target: 'title',
      expression: 'Switch([department], [jobTitle], "Customer Support", "Support Agent")',
      person: 'Farah Siddiqui',
      exported: 'Support Agent',
      hoursAgo: 5,
    },
  },
};

function addHistoryAndMappingStory(t: TenantSpec, tenant: DemoTenantFile): void {
  const story = HISTORY_AND_MAPPING_STORIES[t.key];
  if (!story) return;
  const asOfMs = Date.parse(t.asOf);
  const spByName = (name: string) => must(tenant.servicePrincipals.find((sp) => sp.displayName === name), `app ${name}`);
  const userByName = (name: string) => must(tenant.users.find((u) => u.displayName === name), `user ${name}`);

  // Oldest first, like the provisioning logs; the demo server orders them when asked.
  tenant.directoryAudits = [...story.events]
    .sort((a, b) => b.hoursAgo - a.hoursAgo)
    .map((e) => {
      const sp = spByName(e.app);
      const user = e.by === 'service' ? undefined : userByName(e.by);
      return {
        id: `Directory_${stableGuid(`${t.key}:audit:${e.app}:${e.hoursAgo}`)}_${hashHex(`${e.activity}${e.hoursAgo}`).slice(0, 8)}`,
        category: 'ProvisioningManagement',
        correlationId: stableGuid(`${t.key}:audit-correlation:${e.app}:${e.hoursAgo}`),
        result: 'success',
        resultReason: '',
        activityDisplayName: e.activity,
        activityDateTime: iso(asOfMs - e.hoursAgo * 3_600_000),
        loggedByService: 'Account Provisioning',
        operationType: 'Update',
        initiatedBy: {
          user: user
            ? { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName, ipAddress: '203.0.113.24', userType: null, homeTenantId: null, homeTenantName: null }
            : null,
          app: user ? null : { appId: null, displayName: 'Microsoft Entra provisioning service', servicePrincipalId: null, servicePrincipalName: null },
        },
        targetResources: [
          {
            id: sp.id,
            displayName: sp.displayName,
            type: 'ServicePrincipal',
            userPrincipalName: null,
            groupType: null,
            // Old and new values of credentials are never shown in the audit log.
            modifiedProperties: (e.changed ?? []).map((displayName) => ({ displayName, oldValue: null, newValue: null })),
          },
        ],
        additionalDetails: [],
      };
    });

  // The mapping: the target attribute now comes from a Switch on department.
  const m = story.mapping;
  const sp = spByName(m.app);
  const sync = tenant.synchronization[sp.id];
  const schema = sync.schemas[sync.jobs[0].id];
  const users = schema.synchronizationRules[0].objectMappings.find((o) => o.sourceObjectName === 'User')!;
  const mapping = must(users.attributeMappings.find((a) => a.targetAttributeName === m.target), `mapping ${m.target}`);
  mapping.source = {
    type: 'Function',
    name: 'Switch',
    expression: m.expression,
    parameters: [
      { key: 'source', value: { type: 'Attribute', name: 'department', expression: '[department]', parameters: [] } },
      { key: 'defaultValue', value: { type: 'Attribute', name: 'jobTitle', expression: '[jobTitle]', parameters: [] } },
    ],
  };

  // The export that sent the person the expression's value: a copy of their newest entry in the app, as an update.
  const person = userByName(m.person);
  const latest = [...tenant.provisioningLogs]
    .reverse()
    .find((e) => e.sourceIdentity?.id === person.id && e.servicePrincipal?.id === sp.id && e.provisioningStatusInfo?.status === 'success');
  if (!latest) return;
  const at = asOfMs - m.hoursAgo * 3_600_000;
  const id = stableGuid(`${t.key}:mapping-story:${m.person}`);
  tenant.provisioningLogs.push({
    ...latest,
    id,
    changeId: id,
    activityDateTime: iso(at),
    provisioningAction: 'update',
    provisioningStatusInfo: { status: 'success', errorInformation: null },
    modifiedProperties: [{ displayName: m.target, oldValue: String(person.jobTitle), newValue: m.exported }],
  });
  tenant.provisioningLogs.sort((a, b) => a.activityDateTime.localeCompare(b.activityDateTime));
}

// ---------------------------------------------------------------------------------------------------------
// Deprovisioning stories (issues 12.4 and 16.3). Added after everything else, with their own PRNG, so the rest
// of the tenant is the same with or without them:
// - `unassigned`: provisioned to a healthy app days ago, unassigned after its last cycle began: not disabled yet.
// - `nested`: member of a group nested in a group assigned to that app: never provisioned (nested groups are not).
// - `threshold`: an app whose job the accidental-deletions threshold quarantined (TooManyDeletes) with its
//   deletions held back; the person was unassigned from it and is still there.
// Each story app's synchronization secrets carry SyncNotificationSettings with the threshold, as Graph returns them.

interface DeprovisionStory {
  app: string;
  unassigned: PersonSpec;
  nested: { person: PersonSpec; inner: string; outer: string };
  threshold: { app: string; templateId: string; person: PersonSpec; value: number; pending: number };
}

interface StoryTenant {
  users: GraphUser[];
  groups: GraphGroup[];
  groupMembers: Record<string, string[]>;
  servicePrincipals: ServicePrincipal[];
  synchronization: DemoTenantFile['synchronization'];
  apps: Map<string, AppContext>;
}

const secretsWithThreshold = (value: number) => [
  { key: 'SyncNotificationSettings', value: JSON.stringify({ Enabled: true, Recipients: '', DeleteThresholdEnabled: true, DeleteThresholdValue: value }) },
  { key: 'SyncAll', value: 'false' },
  { key: 'SecretToken', value: '*' },
];

/** Written last (its log entries after all others), so the rest of the tenant does not change with it. */
function addDeprovisioningStories(t: TenantSpec, tenantId: string, log: LogWriter, tenant: StoryTenant): NonNullable<DemoTenantFile['synchronizationSecrets']> {
  const story = t.deprovisioning;
  const rng = rngFor(`deprovisioning:${t.key}`);
  const asOfMs = Date.parse(t.asOf);
  const person = (spec: PersonSpec): Extract<Subject, { kind: 'User' }> => {
    const user = buildUser(t, { createdDaysAgo: 40, ...spec }, rng);
    tenant.users.push(user);
    return { kind: 'User', user, name: String(user.displayName) };
  };
  // The assignment is gone now; while it existed the person was provisioned like anyone assigned.
  const wasAssigned = (app: AppContext, s: Subject): AppContext => ({ ...app, assigned: new Set([...app.assigned, s.kind === 'User' ? s.user.id : s.group.id]) });

  const app = must(tenant.apps.get(story.app), `app ${story.app}`);
  const unassigned = person(story.unassigned);
  log.add(wasAssigned(app, unassigned), unassigned, 96, shapes.create(t, wasAssigned(app, unassigned), unassigned));
  log.add(wasAssigned(app, unassigned), unassigned, 30, shapes.update(t, wasAssigned(app, unassigned), unassigned, rng));

  const nestedPerson = person(story.nested.person);
  const outer = must(tenant.groups.find((g) => g.displayName === story.nested.outer), `group ${story.nested.outer}`);
  const inner: GraphGroup = {
    id: stableGuid(`${t.key}:group:${story.nested.inner}`), displayName: story.nested.inner, description: `Nested in ${story.nested.outer}`,
    mail: null, mailNickname: slug(story.nested.inner), mailEnabled: false, securityEnabled: true, groupTypes: [],
    createdDateTime: iso(asOfMs - 60 * 86_400_000),
  };
  tenant.groups.push(inner);
  tenant.groupMembers[inner.id] = [nestedPerson.user.id];
  tenant.groupMembers[outer.id] = [...tenant.groupMembers[outer.id], inner.id];
  for (const hr of [20, 4]) log.add(app, nestedPerson, hr, shapes.notEntitled(t, app, nestedPerson));

  // A new app, stopped by the accidental-deletions threshold.
  const spec: AppSpec = {
    name: story.threshold.app, templateId: story.threshold.templateId, dialect: 'scim', targetDirectory: story.threshold.app,
    job: 'healthy', assignedGroups: [], assignedUsers: [], activity: 0,
  };
  const sp = servicePrincipal(t, spec.name, true);
  tenant.servicePrincipals.push(sp);
  const stopped: AppContext = { spec, sp, jobId: `${spec.templateId}.${tenantId.replace(/-/g, '')}.${sp.appId.replace(/-/g, '')}`, assigned: new Set() };
  const { job } = buildJob(t, stopped, tenant.users.length);
  const began = iso(asOfMs - 9 * 3_600_000 - 137_000);
  job.status = {
    ...job.status,
    code: 'Quarantine',
    quarantine: { currentBegan: began, seriesBegan: began, seriesCount: 1, nextAttempt: iso(asOfMs + 15 * 3_600_000), reason: 'TooManyDeletes', error: null },
    lastExecution: { ...job.status?.lastExecution, state: 'Failed', countExports: story.threshold.pending, countExported: 0 },
  };
  job.synchronizationJobSettings = [{ name: 'QuarantineTooManyDeletesThreshold', value: String(story.threshold.value) }];
  tenant.synchronization[sp.id] = { jobs: [job], schemas: { [stopped.jobId]: buildSchema(spec, stopped.jobId) } };
  const leaver = person(story.threshold.person);
  log.add(wasAssigned(stopped, leaver), leaver, 200, shapes.create(t, wasAssigned(stopped, leaver), leaver));

  return { [app.sp.id]: secretsWithThreshold(500), [sp.id]: secretsWithThreshold(story.threshold.value) };
}

// ---------------------------------------------------------------------------------------------------------
// Output

/** The file text for each tenant: { 'contoso.json': '...' }. */
export function renderDemoTenants(): Record<string, string> {
  return Object.fromEntries(TENANT_SPECS.map((t) => [`${t.key}.json`, `${JSON.stringify(buildTenant(t), null, 2)}\n`]));
}

function main(): void {
  const dir = join(__dirname, '..', '..', 'demo-tenants');
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(renderDemoTenants())) {
    writeFileSync(join(dir, file), text);
    console.log(`wrote demo-tenants/${file} (${(text.length / 1024).toFixed(0)} KB)`);
  }
}

// Run as a script (node dist/scripts/...), not when a spec imports it to check the files are current.
if (typeof module !== 'undefined' && require.main === module) main();
