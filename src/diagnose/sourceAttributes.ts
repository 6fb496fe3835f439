// Entra ID source attribute names (as provisioning schemas and scoping filters spell them) mapped to the
// properties of a Microsoft Graph user or group. Dependency-free: the demo server uses it too.

export type SourceValue = string | boolean | number | null;

interface PathRule {
  /** Graph property to read; `[0]` suffix = first element of a collection. */
  path: string[];
  /** The Graph $select name that brings the property. */
  select: string;
  first?: boolean;
}

const direct = (graphName: string): PathRule => ({ path: [graphName], select: graphName });

const RULES: Record<string, PathRule | 'always-false'> = {
  userprincipalname: direct('userPrincipalName'),
  mail: direct('mail'),
  mailnickname: direct('mailNickname'),
  givenname: direct('givenName'),
  surname: direct('surname'),
  displayname: direct('displayName'),
  department: direct('department'),
  jobtitle: direct('jobTitle'),
  country: direct('country'),
  city: direct('city'),
  state: direct('state'),
  employeeid: direct('employeeId'),
  companyname: direct('companyName'),
  usagelocation: direct('usageLocation'),
  accountenabled: direct('accountEnabled'),
  streetaddress: direct('streetAddress'),
  postalcode: direct('postalCode'),
  preferredlanguage: direct('preferredLanguage'),
  usertype: direct('userType'),
  employeetype: direct('employeeType'),
  employeehiredate: direct('employeeHireDate'),
  description: direct('description'),
  objectid: direct('id'),
  id: direct('id'),
  physicaldeliveryofficename: direct('officeLocation'),
  telephonenumber: { path: ['businessPhones'], select: 'businessPhones', first: true },
  mobile: direct('mobilePhone'),
  facsimiletelephonenumber: direct('faxNumber'),
  // IsSoftDeleted tells the service an object was deleted; any object we can read is not.
  issoftdeleted: 'always-false',
};

const EXTENSION_ATTRIBUTE = /^extensionattribute([1-9]|1[0-5])$/;
/** Directory extensions (`extension_{appIdWithoutDashes}_{name}`) are selectable and read as-is. */
const DIRECTORY_EXTENSION = /^extension_[0-9a-f]{32}_\w+$/i;

function ruleFor(name: string): PathRule | 'always-false' | undefined {
  const key = name.trim().toLowerCase();
  const known = RULES[key];
  if (known) return known;
  const ext = EXTENSION_ATTRIBUTE.exec(key);
  if (ext) {
    return { path: ['onPremisesExtensionAttributes', `extensionAttribute${ext[1]}`], select: 'onPremisesExtensionAttributes' };
  }
  if (DIRECTORY_EXTENSION.test(name.trim())) return direct(name.trim());
  return undefined;
}

function propertyIgnoringCase(obj: unknown, name: string): unknown {
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

/**
 * The value of a source attribute on a Graph user or group, or null when it is missing or empty (an empty
 * string counts as empty: scoping and required attributes treat both the same).
 */
export function readSourceAttribute(obj: Record<string, unknown> | null | undefined, name: string | null | undefined): SourceValue {
  if (!obj || !name) return null;
  const rule = ruleFor(name);
  if (rule === 'always-false') return false;
  // Unknown names: try a property of the same name, which covers schema extensions and odd casing.
  let value: unknown = obj;
  for (const step of rule ? rule.path : [name.trim()]) value = propertyIgnoringCase(value, step);
  if (rule?.first) value = Array.isArray(value) ? value[0] : value;
  return toSourceValue(value);
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
    if (rule && rule !== 'always-false') selected.add(rule.select);
  }
  return [...selected];
}
