import { describe, expect, it } from 'vitest';
import { diagnoseErrorCode } from './errorCodeTopic';

describe('an error code explained by itself', () => {
  it('explains a code of Microsoft’s error table, with its connector prefix, and how to see who got it', () => {
    const d = diagnoseErrorCode('SalesforceEntryConflict', 'Salesforce');
    expect(d.findings[0]).toMatchObject({ cause: 'error-code', severity: 'info', title: 'SalesforceEntryConflict: Another account in the target already uses this matching value' });
    expect(d.findings[0].fix.at(-1)).toBe('To see who got it in Salesforce, ask “what failed in Salesforce this week?”.');
  });

  it('explains a quarantine reason as one, and points at the app’s own state', () => {
    const d = diagnoseErrorCode('TooManyDeletes');
    expect(d.findings[0].title).toBe('TooManyDeletes: a reason for quarantine');
    expect(d.findings[0].explanation).toContain('accidental-deletion threshold');
  });

  it('says when a code is not one it knows, rather than guessing', () => {
    const d = diagnoseErrorCode('ContosoFrobnicationFailure');
    expect(d.findings[0].title).toBe('ContosoFrobnicationFailure is not among the provisioning errors I know');
  });
});
