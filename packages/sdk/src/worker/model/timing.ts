/** Rejects with a clear message when `work` has not settled after `ms`. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Median wall time of `fn` once warm: one untimed call (shader compile, upload, JIT), then at least
 * `minRuns` timed calls and more while under `budgetMs`, at most `maxRuns`.
 */
export async function medianMs(
  fn: () => unknown,
  { minRuns = 5, maxRuns = 30, budgetMs = 150 } = {},
): Promise<number> {
  await fn();
  const times: number[] = [];
  const start = performance.now();
  while (
    times.length < minRuns ||
    (times.length < maxRuns && performance.now() - start < budgetMs)
  ) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
