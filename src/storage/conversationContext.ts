// What a conversation was last about, per conversation and user (a group chat or a channel has several
// admins, each with their own thread of questions), kept in the bot's storage for 30 minutes.
import { createHash } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { ConversationContext } from '../understand/context';

export const CONTEXT_LIFETIME_MS = 30 * 60_000;
/** A context that did not change is written again only to push its expiry on, at most this often. */
export const CONTEXT_REFRESH_MS = 60_000;

/** Conversation and user ids carry `:`, `@` and `;` and may be long: a digest is a safe key segment. */
const segment = (value: string) => createHash('sha256').update(value).digest('base64url');

export class ConversationContexts {
  /**
   * The `at` this instance last wrote under each key, oldest first (kept a minute). An unchanged context is
   * not skipped when this instance wrote another since it was read: two overlapping turns of one admin.
   */
  private readonly written = new Map<string, string>();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private key(conversationId: string, userId: string): string {
    return `context/${segment(conversationId)}/${segment(userId)}`;
  }

  /** The context, unless it is older than 30 minutes (then there is none). */
  async read(conversationId: string, userId: string): Promise<ConversationContext | undefined> {
    const key = this.key(conversationId, userId);
    const item = (await this.storage.read([key]))[key] as (ConversationContext & { eTag?: string }) | undefined;
    if (!item || !(this.now().getTime() - Date.parse(item.at) < CONTEXT_LIFETIME_MS)) return undefined;
    const { eTag: _eTag, ...context } = item;
    return context;
  }

  /**
   * Replaces the context: only this user's turns write it, and the last answer is what counts. `previous` is
   * what this turn read: when the context is the same and was written in the last minute, the storage write
   * (a Blob request in production) is skipped, so it lives at least 29 of its 30 minutes.
   */
  async write(conversationId: string, userId: string, context: Omit<ConversationContext, 'at'>, previous?: ConversationContext): Promise<void> {
    const key = this.key(conversationId, userId);
    const now = this.now().getTime();
    for (const [k, at] of this.written) {
      if (now - Date.parse(at) < CONTEXT_REFRESH_MS) break;
      this.written.delete(k);
    }
    const lastWritten = this.written.get(key);
    if (previous && now - Date.parse(previous.at) < CONTEXT_REFRESH_MS && (lastWritten === undefined || lastWritten === previous.at)) {
      const { at: _at, ...before } = previous;
      if (JSON.stringify(before) === JSON.stringify(context)) return;
    }
    const at = new Date(now).toISOString();
    this.written.delete(key);
    this.written.set(key, at);
    await this.storage.write({ [key]: { ...context, at, eTag: '*' } });
  }
}
