import { describe, expect, it } from 'vitest';
import { ENTERPRISE_APPS_URL, portalLink } from './portalLink';

const spId = '6a3b1d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const appId = '0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0';

describe('portalLink', () => {
  it("opens the app's page in the Entra admin center", () => {
    expect(portalLink({ spId, appId })).toBe(
      `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/${spId}/appId/${appId}`,
    );
  });

  it.each([
    ['a path in the id', { spId: `${spId}/../x`, appId }],
    ['an empty app id', { spId, appId: '' }],
    ['a GUID with a suffix', { spId, appId: `${appId}#x` }],
    ['missing ids', {} as { spId: string; appId: string }],
  ])('falls back to the Enterprise applications list for %s', (_, app) => {
    expect(portalLink(app)).toBe(ENTERPRISE_APPS_URL);
  });
});
