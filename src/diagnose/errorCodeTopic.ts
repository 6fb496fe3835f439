// "what does ZendeskMandatoryFieldsMissing mean?", "TooManyDeletes?": a code asked about by itself, explained as
// Microsoft's error table and quarantine reasons do, without a log entry (so without the reason a log would add).
import type { Diagnosis, Finding } from '../domain/types';
import { REASON_WORDS, RETRY_CADENCE } from './appTopics';
import { explainProvisioningError } from './errorCodes';

/** `app`: the app as the admin named it (or as the code's prefix names it), for how to see who got it. */
export function diagnoseErrorCode(code: string, app?: string): Diagnosis {
  const where = app ? ` in ${app}` : '';
  const quarantine = REASON_WORDS[code.toLowerCase()];
  const e = explainProvisioningError({ errorCode: code });
  const known = e.family !== undefined;
  const title = quarantine
    ? `${code}: a reason for quarantine`
    : known
      ? `${code}: ${e.title}`
      : `${code} is not among the provisioning errors I know`;
  const finding: Finding = {
    cause: 'error-code',
    severity: 'info',
    title,
    explanation: quarantine
      ? `A provisioning job is put in quarantine with this reason when ${quarantine}. ${RETRY_CADENCE}`
      : known
        ? e.explanation
        : 'It is not in Microsoft’s table of provisioning errors. The log entry that carries it usually says more: its reason and its recommended action.',
    evidence: [{ label: quarantine ? 'Quarantine reason' : 'Error code', value: code }],
    fix: quarantine
      ? [`Ask “is ${app ?? '<app>'} in quarantine?” for that app’s own state, what caused it and the fix.`]
      : [...(known ? e.fix : e.fix.slice(0, 1)), `To see who got it${where}, ask “what failed${where} this week?”.`],
    remedies: [],
  };
  return { topic: 'status', subject: { kind: 'app', id: '*', displayName: app ?? code }, summary: title, findings: [finding] };
}
