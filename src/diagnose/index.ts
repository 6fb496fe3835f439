// diagnose: evidence → Diagnosis. Pure functions over plain data (no I/O), one per topic.
import type { AppTopicEvidence, Diagnosis, PrincipalTopicEvidence, Topic } from '../domain/types';
import { diagnoseCredentials, diagnoseNotStarted, diagnoseQuarantine, diagnoseStatus } from './appTopics';
import { diagnoseSkipped } from './skipped';

/**
 * Diagnoses a topic. Principal evidence always gets the `skipped` diagnosis; app evidence asked under
 * `skipped`, `audit` or `help` ("who was skipped in Salesforce?") gets the status diagnosis, whose recent
 * failures and skips answer it.
 */
export function diagnose(topic: 'skipped', evidence: PrincipalTopicEvidence): Diagnosis;
export function diagnose(topic: Topic, evidence: AppTopicEvidence): Diagnosis;
export function diagnose(topic: Topic, evidence: AppTopicEvidence | PrincipalTopicEvidence): Diagnosis {
  if ('principal' in evidence) return diagnoseSkipped(evidence);
  switch (topic) {
    case 'quarantine':
      return diagnoseQuarantine(evidence);
    case 'credentials':
      return diagnoseCredentials(evidence);
    case 'not-started':
      return diagnoseNotStarted(evidence);
    default:
      return diagnoseStatus(evidence);
  }
}

export { diagnoseCredentials, diagnoseNotStarted, diagnoseQuarantine, diagnoseStatus, quarantineFinding } from './appTopics';
export { CAUSES, classifyEntry, groupByCause } from './causes';
export type { CauseGroup, EntryCause, EntryReading } from './causes';
export { diagnosePersonApps, diagnoseSkipped } from './skipped';
export { diagnoseDeprovisioning } from './deprovisioning';
export { diagnoseAccess } from './access';
export { evaluateScope, evaluateClause, clauseText, normalizeOperator } from './scoping';
export type { ScopeEvaluation, GroupEvaluation, ClauseEvaluation } from './scoping';
export { readSourceAttribute, graphSelectFor } from './sourceAttributes';
export { explainProvisioningError, scimDetail, missingAttributes } from './errorCodes';
export type { ErrorExplanation } from './errorCodes';
export * from './readLog';
export { diagnoseOverview } from './overview';
