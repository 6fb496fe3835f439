// Provisioning log error codes in plain words, with the steps that fix them (Microsoft's "analyze provisioning
// logs" guide). Unknown codes get a fallback that quotes the code and the service's reason.
import type { ObjectMapping, ProvisioningErrorInfo } from '../graph/types';
import { describeSource, mappingForTarget } from './mappings';

export interface ErrorExplanation {
  /** The code as the log wrote it, connector prefix and all ("SalesforceEntryConflict"). */
  code: string;
  /** The known error it ends with ("EntryConflict"), lower-case; undefined for an unknown code. */
  family?: string;
  title: string;
  explanation: string;
  fix: string[];
  /** The target attribute the error is about, when the service's reason names one. */
  attribute?: string;
}

/** The `detail` of a SCIM error body the service embeds in its reason: `"detail":"Required property missing: emails"`. */
export function scimDetail(reason: string | null | undefined): string | undefined {
  if (!reason) return undefined;
  const match = /\\?"detail\\?"\s*:\s*\\?"((?:[^"\\]|\\.)*?)\\?"/.exec(reason);
  return match?.[1]?.replace(/\\(.)/g, '$1').trim() || undefined;
}

/** Attribute names a reason says are missing ("Required property missing: emails", "...missing: mail, givenName"). */
export function missingAttributes(text: string | null | undefined): string[] {
  const match = /(?:missing|required|mandatory)[^:\n]*:([^\n]*)/i.exec(text ?? '');
  if (!match) return [];
  return match[1]
    .split(/,|\band\b/)
    .map((s) => s.trim().replace(/^['"]+|['".;}]+$/g, ''))
    .filter((s) => /^[A-Za-z][\w.]*$/.test(s));
}

/** The attribute a reason says the target does not accept: "Unsupported attribute: urn:…:User:employeeNumber". */
export function unsupportedAttribute(text: string | null | undefined): string | undefined {
  const t = text ?? '';
  return (
    // "invalid attribute: userName is already taken" is a bad value, not an attribute the app refuses.
    /(?:unsupported|unknown|unrecognized)\s+(?:attribute|property|field)\s*:\s*([A-Za-z][\w.:-]*)/i.exec(t)?.[1] ??
    // As Microsoft's SCIM validator words it: "The attribute emails[type eq "work"].display for User is not supported".
    /\battribute\s+([A-Za-z][^\s]*(?:\s+eq\s+"[^"]*"\][\w.]*)?)\s+(?:for\s+\w+\s+)?is\s+not\s+supported/i.exec(t)?.[1]
  );
}

/** "The target attribute emails is filled from source attribute mail." */
function mappingSentence(objectMapping: ObjectMapping | null | undefined, attribute: string): string | undefined {
  const mapping = mappingForTarget(objectMapping, attribute);
  return mapping ? `The target attribute ${mapping.targetAttributeName} is filled from ${describeSource(mapping)}.` : undefined;
}

const CREDENTIAL_FIX = [
  'Open the app in the Microsoft Entra admin center → Provisioning, and select Test Connection.',
  'If it fails, check the Tenant URL and generate a new secret token in the target application, then paste it in and save.',
  'Once the test passes, restart provisioning so the job leaves quarantine.',
];

type Explainer = (info: ProvisioningErrorInfo, objectMapping: ObjectMapping | null | undefined) => Omit<ErrorExplanation, 'code'>;

/**
 * What the entry is about, as the mapping's source object says: the object in Entra ("group" or "user") and
 * what it is in the target ("group" or "account").
 */
const objectNoun = (objectMapping: ObjectMapping | null | undefined) =>
  /group/i.test(objectMapping?.sourceObjectName ?? '') ? { noun: 'group', target: 'group' } : { noun: 'user', target: 'account' };

function requiredAttribute(info: ProvisioningErrorInfo, objectMapping: ObjectMapping | null | undefined): Omit<ErrorExplanation, 'code'> {
  const attribute = missingAttributes(scimDetail(info.reason) ?? info.reason)[0];
  const mapping = attribute ? mappingSentence(objectMapping, attribute) : undefined;
  return {
    title: attribute ? `A required attribute is empty: ${attribute}` : 'A required attribute is empty',
    explanation:
      'The target application requires a value that the user does not have, so the account could not be written.' +
      (mapping ? ` ${mapping}` : ''),
    fix: [
      attribute ? `Give the user a value for the source of ${attribute} in Microsoft Entra ID.` : 'Give the user a value for the missing attribute in Microsoft Entra ID.',
      'Or change the attribute mapping (Provisioning → Mappings) to use a source that is always filled, or set a default value.',
      'Then provision on demand to check, or wait for the next cycle.',
    ],
    ...(attribute ? { attribute } : {}),
  };
}

const EXPLAINERS: Record<string, Explainer> = {
  mandatoryfieldsmissing: requiredAttribute,
  missingvalues: requiredAttribute,
  schemaattributenotfound: () => ({
    title: 'The target does not know one of the mapped attributes',
    explanation: 'An attribute mapping writes to an attribute that does not exist in the target application’s schema.',
    fix: [
      'Open Provisioning → Mappings and find the mapping named in the error.',
      'Remove it, or correct the target attribute name so it matches the application’s schema.',
    ],
  }),
  entryconflict: (_info, objectMapping) => {
    const { noun, target } = objectNoun(objectMapping);
    return {
      title: `Another ${target} in the target already uses this matching value`,
      explanation: `The matching attribute value of this ${noun} belongs to a different ${target} in the target application, so the service cannot tell which one is this ${noun}’s.`,
      fix: [
        `Find the ${target} in the target application that holds the same matching value (for example the same ${noun} name).`,
        `Remove or correct the duplicate there, or change the ${noun}’s value in Microsoft Entra ID.`,
        'Then provision on demand.',
      ],
    };
  },
  duplicatetargetentries: (_info, objectMapping) => {
    const { noun, target } = objectNoun(objectMapping);
    return {
      title: `Several target ${target}s match this ${noun}`,
      explanation: `More than one ${target} in the target application matched the ${noun} on the matching attributes.`,
      fix: [`Remove the duplicate ${target}s in the target application so only one matches.`, 'Then provision on demand.'],
    };
  },
  duplicatesourceentries: () => ({
    title: 'Several users in Microsoft Entra ID share the matching value',
    explanation: 'More than one source object has the same value in the matching attribute, so the target account cannot be matched to one of them.',
    fix: ['Make the matching attribute value unique in Microsoft Entra ID.', 'Or change the matching attribute in Provisioning → Mappings.'],
  }),
  importskipped: () => ({
    title: 'The matching attribute is empty',
    explanation: 'The attribute used to match source and target accounts has no value, so the object was skipped.',
    fix: ['Give the object a value for the matching attribute (see Provisioning → Mappings, matching precedence 1).', 'Then provision on demand.'],
  }),
  forbidden: () => ({
    title: 'The target refused the operation',
    explanation: 'The target application answered that the provisioning service is not allowed to make this change (forbidden).',
    fix: ['Give the integration account in the target application the rights to create and update users.', 'Then test the connection and provision on demand.'],
  }),
  invalidanchor: () => ({
    title: 'The link to the target account is broken',
    explanation: 'The account the service created or matched earlier no longer exists in the target application, or it was changed there.',
    fix: ['Check whether the account still exists in the target application.', 'If it was deleted there, restart provisioning so the user is matched again.'],
  }),
  licenselimitexceeded: () => ({
    title: 'The target application has no license left',
    explanation: 'The target application refused to create the account because all its licenses are in use.',
    fix: ['Buy more licenses in the target application, or free some.', 'Then provision on demand.'],
  }),
  insufficientrights: () => ({
    title: 'The provisioning account is not allowed to do this in the target',
    explanation: 'The account or token the service uses to call the target application lacks the permission for this operation.',
    fix: ['Give the integration account in the target application the rights to create and update users.', 'Then test the connection and provision on demand.'],
  }),
  unauthorized: () => ({
    title: 'The target application refused the credentials',
    explanation: 'The target answered that the caller is not authorized: the secret token is wrong, expired or revoked.',
    fix: CREDENTIAL_FIX,
  }),
  systemforcrossdomainidentitymanagementserviceincompatible: (info, objectMapping) => {
    const detail = scimDetail(info.reason);
    // "Unsupported attribute: …employeeNumber": a mapping sends what the app does not take; the fix is the mapping.
    const unsupported = unsupportedAttribute(detail);
    if (unsupported) {
      const short = unsupported.split(':').pop()!;
      const mapping = mappingSentence(objectMapping, unsupported);
      return {
        title: `The target application does not accept ${short}`,
        explanation: `The target application (its SCIM endpoint) answered: “${detail}”. A mapping sends ${short}, which this application does not support.${mapping ? ` ${mapping}` : ''}`,
        fix: [`Remove the mapping for ${short} in Provisioning → Mappings (or ask the vendor whether their SCIM endpoint should support it).`, 'Then provision on demand.'],
        attribute: unsupported,
      };
    }
    const attribute = missingAttributes(detail)[0];
    const mapping = attribute ? mappingSentence(objectMapping, attribute) : undefined;
    return {
      title: attribute ? `The target application requires ${attribute}, which was not sent` : 'The target application’s answer was not understood',
      explanation:
        (detail ? `The target application (its SCIM endpoint) answered: “${detail}”.` : 'The target application’s SCIM endpoint returned an answer the provisioning service could not use.') +
        (mapping ? ` ${mapping}` : ''),
      fix: attribute
        ? [
            `Make sure the user has a value for the source of ${attribute} in Microsoft Entra ID.`,
            `Or check the mapping for ${attribute} in Provisioning → Mappings (add one if missing, or set a default value).`,
            'Then provision on demand.',
          ]
        : ['Read the full error in the provisioning log.', 'Check with the application vendor that their SCIM endpoint follows the standard for this operation.'],
      ...(attribute ? { attribute } : {}),
    };
  },
  systemforcrossdomainidentitymanagementinvalidcredentials: () => ({
    title: 'The secret token or tenant URL is wrong',
    explanation: 'The target application rejected the credentials the provisioning service uses: the tenant URL is wrong, or the secret token expired or was revoked.',
    fix: CREDENTIAL_FIX,
  }),
};
EXPLAINERS.systemforcrossdomainidentitymanagementcredentialvalidationfailure = EXPLAINERS.systemforcrossdomainidentitymanagementinvalidcredentials;
// Gallery connectors prefix their own name: SalesforceInvalidCredentials, ServiceNowCredentialValidationFailure.
EXPLAINERS.invalidcredentials = EXPLAINERS.systemforcrossdomainidentitymanagementinvalidcredentials;
EXPLAINERS.credentialvalidationfailure = EXPLAINERS.systemforcrossdomainidentitymanagementinvalidcredentials;

// Longest first, so "…ServiceIncompatible" wins over a shorter family the code also ends with.
const FAMILIES = Object.keys(EXPLAINERS).sort((a, b) => b.length - a.length);

/**
 * The known error a code ends with. Logs write codes with the connector's prefix (ContosoEntryConflict,
 * AzureActiveDirectoryForbidden) while Microsoft's error table lists them bare (EntryConflict).
 */
export function errorFamily(code: string | null | undefined): string | undefined {
  const lower = (code ?? '').trim().toLowerCase();
  return lower ? FAMILIES.find((family) => lower.endsWith(family)) : undefined;
}

/**
 * Explains an error from a provisioning log entry. `objectMapping` (the User or Group mapping) lets the
 * explanation name the mapping behind a missing attribute.
 */
/**
 * The target's own words saying it is out of licences ("the site has no Creator licenses left (0 of 25
 * available)"): a SCIM app answers that with a plain 400 or 409, which the service files under a generic code.
 */
const OUT_OF_LICENCES = new RegExp(
  [
    String.raw`\b(?:no|zero|0)\s+(?:[\w-]+\s+){0,2}(?:licen[cs]es?|seats?)\s+(?:left|available|remaining)\b`,
    String.raw`\bout\s+of\s+(?:[\w-]+\s+){0,2}(?:licen[cs]es|seats)\b`,
    String.raw`\bnot\s+enough\s+(?:[\w-]+\s+){0,2}(?:licen[cs]es|seats)\b`,
    String.raw`\b(?:licen[cs]e|seat)\s+(?:limit|count|quota)\s+(?:has\s+been\s+|was\s+)?(?:reached|exceeded|hit)\b`,
    String.raw`\b(?:licen[cs]es|seats)\s+(?:are\s+|have\s+been\s+)?(?:exhausted|used\s+up|all\s+in\s+use)\b`,
  ].join('|'),
  'i',
);

export function explainProvisioningError(info: ProvisioningErrorInfo | null | undefined, objectMapping?: ObjectMapping | null): ErrorExplanation {
  const code = (info?.errorCode ?? '').trim() || 'Unknown';
  const family = errorFamily(code);
  // The SCIM error's own detail where the reason embeds one; the reason itself otherwise.
  const said = (scimDetail(info?.reason) || info?.reason || '').trim();
  // Only over the generic codes a SCIM answer is filed under; a known family (EntryConflict…) keeps its own.
  if (info && said && (!family || family.startsWith('systemforcrossdomainidentitymanagement')) && OUT_OF_LICENCES.test(said)) {
    const licences = EXPLAINERS.licenselimitexceeded(info, objectMapping);
    return {
      code,
      family: 'licenselimitexceeded',
      ...licences,
      explanation: `${licences.explanation} The target application answered: “${said}”`,
      fix: [...licences.fix.slice(0, 1), 'Or map these users to a role or licence type the application still has free (Provisioning → Mappings).', ...licences.fix.slice(1)],
    };
  }
  if (family && info) return { code, family, ...EXPLAINERS[family](info, objectMapping) };
  const reason = info?.reason?.trim();
  return {
    code,
    title: `The service reported the error ${code}`,
    explanation: reason ? `The provisioning service said: “${reason}”` : 'The provisioning service gave no reason with this error.',
    fix: [
      info?.recommendedAction?.trim() || 'Read the full entry in Provisioning logs (Monitor → Provisioning logs) for details.',
      'Once fixed, provision on demand to check.',
    ],
  };
}
