// Domain results as Adaptive Cards (templates in adaptive-cards/) plus a text summary: pure functions.
export { renderDiagnosis, type DiagnosisCardOptions } from './diagnosisCard';
export { renderChoice, MAX_CHOICES, type ChoiceOption, type ChoiceQuestion } from './choiceCard';
export { renderProblem, type Problem } from './problemCard';
export { renderHelp, type HelpOptions } from './helpCard';
export { renderConfirmation } from './confirmationCard';
export { renderOutcome } from './outcomeCard';
export { renderAudit } from './auditCard';
export { renderList, type ListCardOptions } from './listCard';
export { renderNotUnderstood, type NotUnderstood } from './notUnderstoodCard';
export { portalLink, ENTERPRISE_APPS_URL } from './portalLink';
export { MAX_CARD_BYTES, type AdaptiveCard, type Rendered } from './template';
export { renderHistory, HISTORY_PAGE_SIZE, type HistoryCardOptions } from './historyCard';
export { renderMapping, type MappingCardOptions } from './mappingCard';
