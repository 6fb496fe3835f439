// Entra ID source attribute names (as provisioning schemas and scoping filters spell them) mapped to the
// properties of a Microsoft Graph user or group. Dependency-free: the demo server uses it too.

export type SourceValue = string | boolean | number | null;

interface PathRule {
  /** Graph property to read (a nested path for onPremisesExtensionAttributes, employeeOrgData). */
  path: string[];
  /** The Graph $select name that brings the property. */
  select: string;
}

/** Names Graph cannot give as a value on the object itself (references, assignments, nested objects). */
type Unreadable = { unreadable: string };

const direct = (graphName: string): PathRule => ({ path: [graphName], select: graphName });
const nested = (select: string, ...rest: string[]): PathRule => ({ path: [select, ...rest], select });

// Scoping filters and mappings name the Entra sync-schema attributes (dirSyncEnabled, c, l, st…), which are not
// always Graph's property names (onPremisesSyncEnabled, country, city, state…). docs/graph-facts.md lists them.
const RULES: Record<string, PathRule | Unreadable | 'always-false'> = {
  userprincipalname: direct('userPrincipalName'),
  mail: direct('mail'),
  mailnickname: direct('mailNickname'),
  givenname: direct('givenName'),
  surname: direct('surname'),
  sn: direct('surname'),
  displayname: direct('displayName'),
  department: direct('department'),
  jobtitle: direct('jobTitle'),
  country: direct('country'),
  c: direct('country'),
  city: direct('city'),
  l: direct('city'),
  state: direct('state'),
  st: direct('state'),
  employeeid: direct('employeeId'),
  companyname: direct('companyName'),
  usagelocation: direct('usageLocation'),
  accountenabled: direct('accountEnabled'),
  dirsyncenabled: direct('onPremisesSyncEnabled'),
  streetaddress: direct('streetAddress'),
  postalcode: direct('postalCode'),
  preferredlanguage: direct('preferredLanguage'),
  usertype: direct('userType'),
  employeetype: direct('employeeType'),
  employeehiredate: direct('employeeHireDate'),
  employeeleavedatetime: direct('employeeLeaveDateTime'),
  division: nested('employeeOrgData', 'division'),
  costcenter: nested('employeeOrgData', 'costCenter'),
  description: direct('description'),
  objectid: direct('id'),
  id: direct('id'),
  physicaldeliveryofficename: direct('officeLocation'),
  telephonenumber: direct('businessPhones'),
  businessphones: direct('businessPhones'),
  mobile: direct('mobilePhone'),
  facsimiletelephonenumber: direct('faxNumber'),
  proxyaddresses: direct('proxyAddresses'),
  othermails: direct('otherMails'),
  onpremisessamaccountname: direct('onPremisesSamAccountName'),
  onpremisesdistinguishedname: direct('onPremisesDistinguishedName'),
  onpremisesdomainname: direct('onPremisesDomainName'),
  onpremisesuserprincipalname: direct('onPremisesUserPrincipalName'),
  onpremisessecurityidentifier: direct('onPremisesSecurityIdentifier'),
  onpremisesimmutableid: direct('onPremisesImmutableId'),
  manager: { unreadable: 'manager is a reference to another user, not a value on the user' },
  employeeorgdata: { unreadable: 'employeeOrgData is a set of values (division, costCenter), not one value' },
  approleassignments: { unreadable: 'app role assignments are not an attribute of the user' },
  // IsSoftDeleted tells the service an object was deleted; any object we can read is not.
  issoftdeleted: 'always-false',
};

const EXTENSION_ATTRIBUTE = /^extensionattribute([1-9]|1[0-5])$/;
/** Directory extensions (`extension_{appIdWithoutDashes}_{name}`) are selectable and read as-is. */
const DIRECTORY_EXTENSION = /^extension_[0-9a-f]{32}_\w+$/i;

function ruleFor(name: string): PathRule | Unreadable | 'always-false' | undefined {
  const key = name.trim().toLowerCase();
  const known = RULES[key];
  if (known) return known;
  const ext = EXTENSION_ATTRIBUTE.exec(key);
  if (ext) return nested('onPremisesExtensionAttributes', `extensionAttribute${ext[1]}`);
  if (DIRECTORY_EXTENSION.test(name.trim())) return direct(name.trim());
  return undefined;
}

/** The Graph property behind a source attribute name, where it differs ("dirSyncEnabled" → "onPremisesSyncEnabled"). */
export function graphPropertyOf(name: string | null | undefined): string | undefined {
  const rule = name ? ruleFor(name) : undefined;
  if (!rule || rule === 'always-false' || 'unreadable' in rule) return undefined;
  const property = rule.path.join('.');
  return property.toLowerCase() === name!.trim().toLowerCase() ? undefined : property;
}

/** A property whatever its casing ("result", "Result"): Graph's surfaces differ in case. */
export function propertyIgnoringCase(obj: unknown, name: string): unknown {
  if (!obj || typeof obj !== 'object') return undefined;
  const record = obj as Record<string, unknown>;
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

function toSourceValue(value: unknown): SourceValue {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'boolean' || typeof value === 'number') return value;
  return null;
}

/** Every value of a source attribute (multi-valued ones such as proxyAddresses give several), empty ones left out. */
export type SourceValues = { values: Exclude<SourceValue, null>[] } | { unreadable: string };

/**
 * On a directory object as gathered: the Graph properties Graph refused to return to the asking admin (a
 * lifecycle property behind its own permission, an extension attribute that is gone), each with why. Their
 * absence is no value: a clause on one cannot be checked.
 */
export const REFUSED_PROPERTIES = '@provisioningAssistant.refused';

/**
 * The values of a source attribute on a Graph user or group. `unreadable` when Graph cannot tell (a reference such
 * as manager, or a name Graph does not return on this object, or refused to return): a clause on it cannot be
 * checked from Graph.
 */
export function readSourceValues(obj: Record<string, unknown> | null | undefined, name: string | null | undefined): SourceValues {
  if (!name) return { unreadable: 'the clause names no attribute' };
  const rule = ruleFor(name);
  if (rule === 'always-false') return { values: [false] };
  if (rule && 'unreadable' in rule) return { unreadable: rule.unreadable };
  const refused = rule && (obj?.[REFUSED_PROPERTIES] as Record<string, string> | undefined)?.[rule.select];
  if (refused) return { unreadable: refused };
  if (!rule && (!obj || propertyIgnoringCase(obj, name.trim()) === undefined)) {
    return { unreadable: `${name.trim()} is not a property Microsoft Graph returns for this object` };
  }
  let value: unknown = obj ?? {};
  for (const step of rule ? rule.path : [name.trim()]) value = propertyIgnoringCase(value, step);
  const all = Array.isArray(value) ? value : [value];
  return { values: all.map(toSourceValue).filter((v): v is Exclude<SourceValue, null> => v !== null) };
}

/**
 * The first value of a source attribute, or null when it is missing, empty or cannot be read (an empty string
 * counts as empty: scoping and required attributes treat both the same).
 */
export function readSourceAttribute(obj: Record<string, unknown> | null | undefined, name: string | null | undefined): SourceValue {
  const read = readSourceValues(obj, name);
  return 'values' in read ? (read.values[0] ?? null) : null;
}

/**
 * The Graph `$select` names needed to read these source attributes. Names Graph would not know are left out,
 * because one unknown `$select` name fails the whole request.
 */
export function graphSelectFor(names: Array<string | null | undefined>): string[] {
  const selected = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    const rule = ruleFor(name);
    if (rule && rule !== 'always-false' && !('unreadable' in rule)) selected.add(rule.select);
  }
  return [...selected];
}
