// Evidence for "why wasn't Tom removed?" and "when will Jane get access?": the person's evidence (gatherPrincipal)
// plus each app's deletion settings, read from the job's synchronization secrets (one `$batch`). Secret values
// (passwords, tokens) come back masked as "*" and are never kept: only the three settings are read out.
import type { AppEvidence, DeletionSettings, DeprovisionEvidence } from '../domain/types';
import { synchronizationSecretsPath } from '../graph/endpoints';
import type { GraphGateway } from '../graph/gateway';
import type { PrincipalMatch } from '../resolve/findPrincipal';
import { gatherPrincipal, type PrincipalActivity } from './gatherPrincipal';

export interface SecretPair {
  key?: string | null;
  value?: string | null;
}

const truthy = (v: unknown) => /^(true|1)$/i.test(String(v ?? '').trim());

/** The deletion settings among an app's synchronization secrets (keys SkipOutOfScopeDeletions, SyncAll, SyncNotificationSettings). */
export function readDeletionSettings(secrets: ReadonlyArray<SecretPair | null | undefined>): DeletionSettings {
  const byKey = new Map((secrets ?? []).filter((s): s is SecretPair => !!s?.key).map((s) => [String(s.key).toLowerCase(), s.value ?? '']));
  const settings: DeletionSettings = {
    skipOutOfScopeDeletions: truthy(byKey.get('skipoutofscopedeletions')),
    syncAll: truthy(byKey.get('syncall')),
  };
  const notification = byKey.get('syncnotificationsettings');
  if (notification) {
    try {
      const parsed = JSON.parse(notification) as { DeleteThresholdEnabled?: unknown; DeleteThresholdValue?: unknown };
      const value = Number(parsed.DeleteThresholdValue);
      settings.deleteThreshold = { enabled: truthy(parsed.DeleteThresholdEnabled), ...(Number.isFinite(value) && value > 0 ? { value } : {}) };
    } catch {
      // Not JSON: the threshold stays unknown rather than guessed.
    }
  }
  return settings;
}

async function readSettings(gateway: GraphGateway, apps: AppEvidence[]): Promise<Record<string, DeletionSettings>> {
  if (!apps.length) return {};
  const answers = await gateway.batch(apps.map((a) => ({ id: a.app.spId, method: 'GET' as const, url: synchronizationSecretsPath(a.app.spId) })));
  const settings: Record<string, DeletionSettings> = {};
  for (const app of apps) {
    const answer = answers.get(app.app.spId);
    // Unreadable (no permission, not offered by this Graph): the diagnosis says so instead of guessing.
    if (answer?.ok) settings[app.app.spId] = readDeletionSettings((answer.body as { value?: SecretPair[] })?.value ?? []);
  }
  return settings;
}

export async function gatherDeprovisioning(
  gateway: GraphGateway,
  principal: PrincipalMatch,
  focus: AppEvidence | undefined,
  now: Date,
  activity?: Promise<PrincipalActivity>,
): Promise<DeprovisionEvidence> {
  const evidence = await gatherPrincipal(gateway, principal, focus, now, activity);
  return { ...evidence, deletionSettings: await readSettings(gateway, evidence.apps) };
}
