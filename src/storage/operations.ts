// Idempotency for remediation buttons. A click carries an operation id; the first `begin` for that id creates
// its state atomically, and a second click, a retry or another bot instance finds that state instead of
// running the action again.
import type { Storage } from 'botbuilder';
import { BotError } from '../errors';
import type { AuditActor, AuditResult, AuditTarget } from './auditLog';
import { updateItem } from './compareAndSet';
import { createIfAbsent } from './fileStorage';
import { isKeySegment } from './keys';

export interface OperationOutcome {
  result: AuditResult;
  detail?: string;
  /** ISO 8601. */
  finishedAt: string;
  /** The card that showed the result, so a repeated click can show it again. */
  card?: object;
}

export interface OperationState {
  status: 'running' | 'finished';
  /** ISO 8601. */
  startedAt: string;
  actor: AuditActor;
  verb: string;
  target: AuditTarget;
  /** ISO 8601: past this, a still running operation was cut off (its owner stopped). */
  finishBy?: string;
  outcome?: OperationOutcome;
}

export interface OperationInfo {
  verb: string;
  actor: AuditActor;
  target: AuditTarget;
  finishBy?: string;
}

/**
 * What a confirmation card offered, stored by the server under the card's token (its operation id): the
 * execute step runs only for this user, this remedy and target, the state that was shown, before it expires.
 */
export interface ConfirmationOffer {
  /** The admin the card was shown to (Entra object id). */
  user: string;
  verb: string;
  target: { spId: string; jobId: string; userId?: string; groupId?: string; restartOption?: string; appRoleId?: string; since?: string };
  /** The state the card showed (job status, assignment id); the execute step compares the live state to it. */
  shownState?: string;
  /** ISO 8601. */
  expiresAt: string;
}

export type BeginResult = { first: true } | { first: false; existing: OperationState };

export class Operations {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Claims the operation. `{ first: true }` means this caller runs it; otherwise `existing` is the state of
   * the run that got there first. Throws a BotError('invalid-input') for an empty id or one containing `/`.
   */
  async begin(tenantId: string, operationId: string, info: OperationInfo): Promise<BeginResult> {
    const key = operationKey(tenantId, operationId);
    const state: OperationState = {
      status: 'running',
      startedAt: this.now().toISOString(),
      actor: info.actor,
      verb: info.verb,
      target: info.target,
      ...(info.finishBy ? { finishBy: info.finishBy } : {}),
    };
    // The state can only vanish between our failed create and our read if someone deletes it; then try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await createIfAbsent(this.storage, key, state)) return { first: true };
      const existing = await this.read(key);
      if (existing) return { first: false, existing };
    }
    throw new Error(`Operations: the state of "${operationId}" keeps disappearing`);
  }

  /**
   * Records how the operation ended. The first outcome stands: finishing again changes nothing. Throws a
   * BotError('invalid-input') for an operation that was never begun.
   */
  async finish(tenantId: string, operationId: string, outcome: OperationOutcome): Promise<void> {
    const key = operationKey(tenantId, operationId);
    let unknown = false;
    await updateItem<OperationState>(this.storage, key, (current) => {
      unknown = current === undefined;
      if (!current || current.status === 'finished') return undefined;
      const { eTag: _eTag, ...state } = current;
      return { ...state, status: 'finished', outcome };
    });
    if (unknown) throw new BotError('invalid-input', `The operation "${operationId}" was never begun.`);
  }

  /** Stores a confirmation card's offer under its token. Tokens are server-made GUIDs, never reused. */
  async offer(tenantId: string, token: string, offer: ConfirmationOffer): Promise<void> {
    await this.storage.write({ [offerKey(tenantId, token)]: { ...offer, eTag: '*' } });
  }

  /** The offer a token was issued for, or undefined for a token this server never issued. */
  async offered(tenantId: string, token: string): Promise<ConfirmationOffer | undefined> {
    if (!isKeySegment(tenantId) || !isKeySegment(token)) return undefined;
    const key = offerKey(tenantId, token);
    const item = (await this.storage.read([key]))[key] as (ConfirmationOffer & { eTag?: string }) | undefined;
    if (!item) return undefined;
    const { eTag: _eTag, ...offer } = item;
    return offer;
  }

  /** The operation's state, or undefined when there is none (or the ids cannot name one). */
  async get(tenantId: string, operationId: string): Promise<OperationState | undefined> {
    if (!isKeySegment(tenantId) || !isKeySegment(operationId)) return undefined;
    return this.read(operationKey(tenantId, operationId));
  }

  private async read(key: string): Promise<OperationState | undefined> {
    const item = (await this.storage.read([key]))[key] as (OperationState & { eTag?: string }) | undefined;
    if (!item) return undefined;
    const { eTag: _eTag, ...state } = item;
    return state;
  }
}

function offerKey(tenantId: string, token: string): string {
  if (!isKeySegment(tenantId) || !isKeySegment(token)) throw new BotError('invalid-input', 'A confirmation needs a tenant id and a token without "/".');
  return `confirmations/${tenantId}/${token}`;
}

function operationKey(tenantId: string, operationId: string): string {
  if (!isKeySegment(tenantId) || !isKeySegment(operationId)) {
    throw new BotError('invalid-input', 'An operation needs a tenant id and an operation id without "/".');
  }
  return `operations/${tenantId}/${operationId}`;
}
