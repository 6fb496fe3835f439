// A race with the clock, for work that must not hold something else up: its result if it settles within `ms`,
// else undefined (the work goes on; a later rejection is handled by the race). A rejection in time still rejects.
export function within<T>(work: Promise<T> | undefined, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
