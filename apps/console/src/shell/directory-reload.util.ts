// When the console directory reloads: for ids the page cannot name and has not asked about yet, at most every
// RELOAD_AFTER_MS; a reload the limit holds back waits for the rest of it instead of being dropped.

export const RELOAD_AFTER_MS = 5_000;

/** The ids worth a reload: unknown to the directory and not asked about by an earlier load. */
export function idsToAsk(
  seen: readonly string[],
  known: ReadonlySet<string>,
  asked: ReadonlySet<string>,
): string[] {
  return [...new Set(seen.filter((id) => !known.has(id) && !asked.has(id)))].sort();
}

/** How long to wait before the next load may start (0: now). */
export function reloadDelay(lastLoadAt: number, now: number): number {
  return Math.max(0, lastLoadAt + RELOAD_AFTER_MS - now);
}
