// The buttons of remediation cards. Each confirmation gets a fresh operation id: that is what makes a
// double click, a retry or a second instance run the action once.
import { randomUUID } from 'node:crypto';
import type { ActionButton } from '../domain/remediationViews';
import type { AppRef, RemedyVerb } from '../domain/types';
import { buttonData, CANCEL_VERB, type RemedyRequest } from './remedyRequest';

export function confirmButton(request: RemedyRequest, title: string, extra: Partial<RemedyRequest> = {}, destructive = false): ActionButton {
  return {
    title,
    verb: request.verb,
    data: buttonData(request, { ...extra, stage: 'confirm', operationId: randomUUID() }),
    style: destructive ? 'destructive' : 'positive',
  };
}

export function cancelButton(request: RemedyRequest): ActionButton {
  return { title: 'Cancel', verb: CANCEL_VERB, data: buttonData(request, { stage: 'cancel' }) };
}

/** A button that starts another remedy from its review step ("Test connection first", "Provision now"). */
export function remedyButton(verb: RemedyVerb, title: string, app: AppRef, ids: Partial<RemedyRequest> = {}): ActionButton {
  return { title, verb, data: buttonData({ verb, stage: 'review', spId: app.spId, jobId: app.jobId, ...ids }) };
}
