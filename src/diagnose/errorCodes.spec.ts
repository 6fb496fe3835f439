import { describe, expect, it } from 'vitest';
import { explainProvisioningError, missingAttributes, scimDetail, unsupportedAttribute } from './errorCodes';
import { objectMappingFor } from './mappings';
import { schema } from './evidence.spec-helper';

const SCIM_REASON =
  'Processing of the HTTP request resulted in an exception. The HTTP response returned by this request was 400. ' +
  'Response: {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"Required property missing: emails","status":"400"}';

describe('explainProvisioningError', () => {
  it('extracts the SCIM detail and names the mapping that feeds the missing attribute', () => {
    expect(scimDetail(SCIM_REASON)).toBe('Required property missing: emails');
    const explained = explainProvisioningError(
      { errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible', reason: SCIM_REASON },
      objectMappingFor(schema(), 'User'),
    );
    expect(explained.attribute).toBe('emails');
    expect(explained.title).toContain('emails');
    expect(explained.explanation).toContain('Required property missing: emails');
    expect(explained.explanation).toContain('source attribute mail');
  });

  it('reads a SCIM detail escaped inside a JSON string', () => {
    expect(scimDetail('{\\"detail\\":\\"Required property missing: userName\\"}')).toBe('Required property missing: userName');
  });

  it('explains the common codes in plain words with fix steps', () => {
    for (const code of ['MandatoryFieldsMissing', 'MissingValues', 'SchemaAttributeNotFound', 'EntryConflict', 'DuplicateTargetEntries', 'DuplicateSourceEntries', 'ImportSkipped', 'InvalidAnchor', 'LicenseLimitExceeded', 'InsufficientRights', 'Unauthorized', 'SystemForCrossDomainIdentityManagementInvalidCredentials', 'SystemForCrossDomainIdentityManagementCredentialValidationFailure']) {
      const explained = explainProvisioningError({ errorCode: code, reason: 'x' });
      expect(explained.code).toBe(code);
      expect(explained.title).not.toContain(code);
      expect(explained.fix.length).toBeGreaterThan(0);
    }
    expect(explainProvisioningError({ errorCode: 'SystemForCrossDomainIdentityManagementInvalidCredentials' }).fix.join(' ')).toMatch(/secret token/);
  });

  it('falls back to quoting the code and the reason', () => {
    const explained = explainProvisioningError({ errorCode: 'SomethingNew', reason: 'The target said no.' });
    expect(explained.title).toContain('SomethingNew');
    expect(explained.explanation).toContain('The target said no.');
    expect(explainProvisioningError(null).code).toBe('Unknown');
  });

  it('finds missing attribute names in reasons', () => {
    expect(missingAttributes('The following mandatory fields are missing: mail, givenName.')).toEqual(['mail', 'givenName']);
    expect(missingAttributes('nothing to see')).toEqual([]);
  });
});

describe('error codes with the connector prefix', () => {
  // The logs write ContosoEntryConflict, SalesforceInvalidCredentials, AzureActiveDirectoryForbidden; Microsoft's
  // error table lists EntryConflict, InvalidCredentials (the error-code table of Microsoft Learn's provisioning logs page).
  it.each([
    ['ContosoEntryConflict', 'entryconflict', /Another account in the target already uses/],
    ['SalesforceInvalidCredentials', 'invalidcredentials', /secret token or tenant URL is wrong/],
    ['AzureActiveDirectoryForbidden', 'forbidden', /refused the operation/],
    ['SystemForCrossDomainIdentityManagementServiceIncompatible', 'systemforcrossdomainidentitymanagementserviceincompatible', /answer was not understood/],
  ])('%s is explained as %s and keeps its full code', (code, family, title) => {
    const explained = explainProvisioningError({ errorCode: code, reason: 'x' });
    expect(explained.code).toBe(code);
    expect(explained.family).toBe(family);
    expect(explained.title).toMatch(title);
  });

  it('speaks of a group, not a user, when the conflict is a group’s (Graph’s published group failure)', () => {
    // Source: microsoftgraph/microsoft-graph-docs-contrib, api-reference/v1.0/api/provisioningobjectsummary-list.md,
    // Example 2, response: provisioningStatusInfo.errorInformation of the group "Self-service Pilot", verbatim.
    const info = {
      errorCode: 'ContosoEntryConflict',
      reason:
        'Message: Contoso returned an error response with the HTTP status code 409.  This response indicates that a user or a group already exisits with the same name. This can be avoided by identifying and removing the conflicting user from Contoso via the Contoso administrative user interface, or removing the current user from the scope of provisioning either by removing their assignment to the Contoso application in Azure Active Directory or adding a scoping filter to exclude the user.',
    };
    const groups = explainProvisioningError(info, { sourceObjectName: 'Group', targetObjectName: 'Group', attributeMappings: [] } as never);
    expect(`${groups.title} ${groups.explanation} ${groups.fix.join(' ')}`).not.toMatch(/\buser/);
    expect(groups.explanation).toMatch(/this group/);
    expect(explainProvisioningError(info, { sourceObjectName: 'User', targetObjectName: 'User', attributeMappings: [] } as never).explanation).toMatch(/this user/);
  });

  it('reads a target that says it is out of licences as a licence shortage, whatever generic code the service filed it under', () => {
    // The reason of a Tableau Cloud failure in the Fabrikam demo tenant: a SCIM 409 whose detail says it.
    const reason =
      "Processing of the HTTP request resulted in an exception. Please see the HTTP response returned by the 'Response' property of this exception for details. The response was: StatusCode: 409, ReasonPhrase: 'Conflict', Content-Type: application/scim+json; charset=utf-8. Response body: {\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"409\",\"scimType\":\"uniqueness\",\"detail\":\"Cannot assign site role 'Creator': the site has no Creator licenses left (0 of 25 available).\"}";
    const explained = explainProvisioningError({ errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible', reason });
    expect(explained.code).toBe('SystemForCrossDomainIdentityManagementServiceIncompatible');
    expect(explained.title).toBe('The target application has no license left');
    expect(explained.explanation).toContain("“Cannot assign site role 'Creator': the site has no Creator licenses left (0 of 25 available).”");
    expect(explained.fix.join(' ')).toMatch(/role or licence type the application still has free/);
    expect(explained.fix.join(' ')).not.toMatch(/vendor/);
    // A reason that only mentions a licence is not a shortage.
    expect(explainProvisioningError({ errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible', reason: '{"detail":"Invalid value for attribute licenseType"}' }).title).toBe('The target application’s answer was not understood');
  });

  it('leaves an unknown code unexplained rather than matching a part of a word', () => {
    expect(explainProvisioningError({ errorCode: 'ContosoSomethingNew', reason: 'r' }).family).toBeUndefined();
  });
});

describe('a target that does not accept an attribute', () => {
  // The shape of the demo tenant's Slack failure (no published log reason carries this detail): a SCIM 400 whose
  // detail names the attribute the app refuses.
  const REASON =
    'Processing of the HTTP request resulted in an exception. The response was: StatusCode: 400, ReasonPhrase: \'Bad Request\'. Response body: ' +
    '{\\"schemas\\":[\\"urn:ietf:params:scim:api:messages:2.0:Error\\"],\\"status\\":\\"400\\",\\"scimType\\":\\"invalidSyntax\\",\\"detail\\":\\"Unsupported attribute: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber\\"}';

  it('says to remove the mapping that sends it, not to ask the vendor', () => {
    const e = explainProvisioningError({ errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible', reason: REASON });
    expect(e.title).toBe('The target application does not accept employeeNumber');
    expect(e.fix[0]).toMatch(/^Remove the mapping for employeeNumber in Provisioning → Mappings/);
  });

  it('leaves a bad value alone: "invalid attribute: userName is already taken" is no attribute the app refuses', () => {
    expect(unsupportedAttribute('Invalid attribute: userName is already taken')).toBeUndefined();
  });

  it('reads the attribute from the validator’s wording too', () => {
    // sourcegraph/sourcegraph-public-snapshot#62185 quotes Microsoft's SCIM validator verbatim.
    expect(unsupportedAttribute('SCIM Validation failed. The attribute emails[type eq "work"].display for User is not supported by the SCIM protocol. Please refer to the SCIM RFC')).toBe('emails[type eq "work"].display');
  });
});
