// Links into the Microsoft Entra admin center. There are no documented deep links; this form is the one
// the community relies on (the admin center's own ManagedAppMenuBlade address for an enterprise app).

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Enterprise applications list: where an admin lands when the app's own page cannot be linked. */
export const ENTERPRISE_APPS_URL =
  'https://entra.microsoft.com/#view/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/~/AppAppsPreview';

/** The app's page in the Entra admin center; only GUIDs go into the URL, anything else gets the apps list. */
export function portalLink(app: { spId: string; appId: string }): string {
  const { spId, appId } = app ?? {};
  if (typeof spId !== 'string' || typeof appId !== 'string' || !GUID.test(spId) || !GUID.test(appId)) {
    return ENTERPRISE_APPS_URL;
  }
  return `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/${spId}/appId/${appId}`;
}
