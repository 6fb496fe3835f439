// Storage that holds conveniences (the conversation's context, the app inventory's names) must not hold up an
// answer: a read or write that does not settle soon is treated as absent, and goes on in the background.
import { within } from '../within';

/** How long a convenience waits for storage. */
export const STORAGE_WAIT_MS = 2_000;

/** The work's result, or undefined when it has not settled within `ms`. Its rejection still rejects. */
export const soon = <T>(work: Promise<T> | undefined, ms = STORAGE_WAIT_MS): Promise<T | undefined> => within(work, ms);
