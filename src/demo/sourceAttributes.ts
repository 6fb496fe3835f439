// A user as the provisioning service's source connector (Azure Active Directory) sees it: the Entra sync-schema
// attribute names that scoping clauses and mappings use (`dirSyncEnabled`, `physicalDeliveryOfficeName`, `c`,
// `extensionAttribute3`), not Graph's property names. The demo tenant evaluates scoping filters on this view, as
// the real service does, and lists these names in every job schema's `directories[]`.
import type { GraphUser } from '../graph/types';

/** Entra source attribute → how to read it from a Graph user (a property name, or a function). */
const FROM_GRAPH: Record<string, string | ((u: GraphUser) => unknown)> = {
  objectId: 'id',
  accountEnabled: 'accountEnabled',
  displayName: 'displayName',
  givenName: 'givenName',
  surname: 'surname',
  userPrincipalName: 'userPrincipalName',
  mail: 'mail',
  mailNickname: 'mailNickname',
  department: 'department',
  jobTitle: 'jobTitle',
  companyName: 'companyName',
  employeeId: 'employeeId',
  userType: 'userType',
  usageLocation: 'usageLocation',
  preferredLanguage: 'preferredLanguage',
  streetAddress: 'streetAddress',
  postalCode: 'postalCode',
  c: 'country',
  l: 'city',
  st: 'state',
  physicalDeliveryOfficeName: 'officeLocation',
  mobile: 'mobilePhone',
  telephoneNumber: (u) => (Array.isArray(u.businessPhones) ? u.businessPhones[0] : undefined),
  facsimileTelephoneNumber: 'faxNumber',
  proxyAddresses: 'proxyAddresses',
  // Graph answers null for a cloud-only user; the source schema holds the string the clause compares with.
  dirSyncEnabled: (u) => (u.onPremisesSyncEnabled === true ? 'True' : null),
  onPremisesSamAccountName: 'onPremisesSamAccountName',
  onPremisesDistinguishedName: 'onPremisesDistinguishedName',
};

const EXTENSION_ATTRIBUTES = Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`);

/** The source user attributes a job schema lists for Azure Active Directory, with their schema types. */
export const SOURCE_USER_ATTRIBUTES: ReadonlyArray<{ name: string; type: 'String' | 'Boolean' | 'Reference'; multivalued?: true }> = [
  ...Object.keys(FROM_GRAPH).map((name) => ({
    name,
    type: name === 'accountEnabled' ? ('Boolean' as const) : ('String' as const),
    ...(name === 'proxyAddresses' ? { multivalued: true as const } : {}),
  })),
  ...EXTENSION_ATTRIBUTES.map((name) => ({ name, type: 'String' as const })),
  { name: 'manager', type: 'Reference' },
  { name: 'IsSoftDeleted', type: 'Boolean' },
];

/** The user's values under the source attribute names (empty strings read as absent, as in a clause). */
export function sourceAttributes(user: GraphUser): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [name, from] of Object.entries(FROM_GRAPH)) {
    const value = typeof from === 'string' ? user[from] : from(user);
    if (value !== undefined && value !== null && value !== '') view[name] = value;
  }
  const ext = (user.onPremisesExtensionAttributes ?? {}) as Record<string, unknown>;
  for (const name of EXTENSION_ATTRIBUTES) if (typeof ext[name] === 'string' && ext[name] !== '') view[name] = ext[name];
  view.IsSoftDeleted = user.accountEnabled === false ? 'True' : 'False';
  return view;
}
