import { describe, expect, it } from 'vitest';
import { readErrorCode } from './errorCodeQuestion';
import { understand } from './understand';

describe('an error code asked about by itself', () => {
  it.each([
    ['ZendeskMandatoryFieldsMissing what does it mean', 'ZendeskMandatoryFieldsMissing'],
    ['what does SystemForCrossDomainIdentityManagementCredentialValidationFailure mean?', 'SystemForCrossDomainIdentityManagementCredentialValidationFailure'],
    ['getting EntryExportErrorInvalidValue in slack', 'EntryExportErrorInvalidValue'],
    ['HybridSynchronizationActiveDirectoryInvalidGroupType?', 'HybridSynchronizationActiveDirectoryInvalidGroupType'],
    ['EntryConflict', 'EntryConflict'],
  ])('%s', (text, code) => {
    expect(readErrorCode(text, ['Slack'])).toBe(code);
  });

  it.each([
    ['SharePointOnline status', 'a tenant app’s name'],
    ['ServiceNow', 'two parts, no error word'],
    ['the zendesk sync shows ZendeskMandatoryFieldsMissing for a bunch of users since we changed the email mapping yesterday', 'a long report that asks something else'],
    ['SalesforceEntryConflict and ZendeskMandatoryFieldsMissing?', 'two codes'],
  ])('not in "%s" (%s)', (text) => {
    expect(readErrorCode(text, ['SharePointOnline'])).toBeUndefined();
  });

  it('takes the app from the code’s connector prefix, and leaves a person’s failure to the person', () => {
    const names = { apps: ['Zendesk', 'Slack'] };
    expect(understand('ZendeskMandatoryFieldsMissing what does it mean', names)).toEqual({ topic: 'status', errorCode: 'ZendeskMandatoryFieldsMissing', app: 'Zendesk' });
    expect(understand('why did jane fail with EntryConflict in slack', names)).toMatchObject({ topic: 'skipped', principal: 'jane', app: 'Slack' });
    expect(understand('why did jane fail with EntryConflict in slack', names)).not.toHaveProperty('errorCode');
  });
});
