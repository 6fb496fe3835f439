// The directory properties the bot reads. Users carry the attributes scoping filters and mappings commonly
// use, so one read serves both resolving the name and evaluating the scope (Graph returns only a small
// default set without $select).
export const USER_FIELDS = [
  'id', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'mail', 'mailNickname', 'accountEnabled',
  'department', 'jobTitle', 'country', 'city', 'state', 'companyName', 'employeeId', 'employeeType',
  'usageLocation', 'officeLocation', 'userType', 'preferredLanguage', 'mobilePhone', 'businessPhones',
  'onPremisesExtensionAttributes', 'streetAddress', 'postalCode', 'faxNumber', 'employeeHireDate',
] as const;

export const GROUP_FIELDS = ['id', 'displayName', 'mail', 'mailNickname', 'description', 'securityEnabled', 'mailEnabled'] as const;

export const SERVICE_PRINCIPAL_FIELDS = ['id', 'appId', 'displayName', 'accountEnabled', 'appRoles'] as const;
