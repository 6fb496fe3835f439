import { describe, expect, it } from 'vitest';
import { appEvidence, job } from './evidence.spec-helper';
import { diagnoseConcept } from './conceptTopic';

describe('a term explained', () => {
  const quarantined = appEvidence(job({ code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', currentBegan: '2026-11-20T05:00:00Z', nextAttempt: '2026-11-20T17:00:00Z', seriesBegan: '2026-11-20T05:00:00Z', seriesCount: 1 } }));
  const healthy = { ...appEvidence(job()), app: { ...appEvidence(job()).app, displayName: 'Other App' } };

  it('says which apps it applies to now, from their jobs', () => {
    const d = diagnoseConcept('quarantine', [quarantined, healthy]);
    expect(d.findings[0]).toMatchObject({ cause: 'concept', severity: 'info' });
    expect(d.findings[0].evidence).toContainEqual({ label: 'In quarantine now', value: quarantined.app.displayName });
    expect(diagnoseConcept('quarantine', [healthy]).findings[0].evidence).toContainEqual({ label: 'In quarantine now', value: 'none of the 1 apps with provisioning I read' });
    // Apps that could not be read are neither named nor counted out.
    expect(diagnoseConcept('quarantine', [healthy], 2).findings[0].evidence).toContainEqual({ label: 'In quarantine now', value: 'none of the 1 apps with provisioning I read (2 more could not be read)' });
  });

  it('says so when the apps could not be read, and names its source', () => {
    const d = diagnoseConcept('initial-cycle');
    expect(d.caveats?.[0]).toMatch(/could not read/);
    expect(d.findings[0].evidence).toEqual([{ label: 'Source', value: expect.stringMatching(/^Microsoft Learn: /) }]);
    // A term with no state to read has nothing missing.
    expect(diagnoseConcept('scoping-filter').caveats).toBeUndefined();
  });
});
