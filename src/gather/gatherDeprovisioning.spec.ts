import { describe, expect, it } from 'vitest';
import { readDeletionSettings } from './gatherDeprovisioning';

// GET /servicePrincipals/{id}/synchronization/secrets, response sample as published in a public Microsoft Entra
// cloud-sync Graph troubleshooting guide ("List service principal (configuration) secret"), verbatim.
const PUBLISHED_SECRETS = {
  value: [
    { key: 'Domain', value: '{"domain":"contoso.com"}' },
    { key: 'SyncNotificationSettings', value: '{"Enabled":true,"Recipients":"","DeleteThresholdEnabled":true,"DeleteThresholdValue":500}' },
    { key: 'UserName', value: 'ADToAADSyncServiceAccount@xxxxxx.onmicrosoft.com' },
    { key: 'Password', value: '*' },
  ],
};

// The key Microsoft's "Skip deletion of user accounts that go out of scope" article adds (entra-docs
// docs/identity/app-provisioning/skip-out-of-scope-deletions.md), verbatim.
const SKIP_FLAG = { key: 'SkipOutOfScopeDeletions', value: 'True' };

describe('readDeletionSettings', () => {
  it('reads the accidental-deletions threshold from the published secrets body', () => {
    expect(readDeletionSettings(PUBLISHED_SECRETS.value)).toEqual({ skipOutOfScopeDeletions: false, syncAll: false, deleteThreshold: { enabled: true, value: 500 } });
  });

  it('reads SkipOutOfScopeDeletions and SyncAll, whatever their casing', () => {
    expect(readDeletionSettings([SKIP_FLAG, { key: 'SyncAll', value: 'false' }])).toEqual({ skipOutOfScopeDeletions: true, syncAll: false });
    expect(readDeletionSettings([{ key: 'skipoutofscopedeletions', value: '1' }, { key: 'SyncAll', value: 'True' }])).toMatchObject({ skipOutOfScopeDeletions: true, syncAll: true });
  });

  it('leaves a threshold it cannot parse unknown instead of guessing', () => {
    expect(readDeletionSettings([{ key: 'SyncNotificationSettings', value: 'not json' }]).deleteThreshold).toBeUndefined();
    expect(readDeletionSettings([{ key: 'SyncNotificationSettings', value: '{"DeleteThresholdEnabled":false}' }]).deleteThreshold).toEqual({ enabled: false });
  });
});
