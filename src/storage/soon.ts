// Storage that holds conveniences (the conversation's context, the app inventory's names) must not hold up an
// answer: a read or write that does not settle soon is treated as absent, and goes on in the background.

/** How long a convenience waits for storage. */
export const STORAGE_WAIT_MS = 2_000;

/** The work's result, or undefined when it has not settled within `ms`. Its rejection still rejects. */
export function soon<T>(work: Promise<T> | undefined, ms = STORAGE_WAIT_MS): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
