import type { HistoryEntry } from '../scoring.ts';

/** The leave-one-out split of `insitu eval`, one row per kept user. */
export interface LeaveOneOut {
  itemCount: number;
  /** Index of each kept user in the dataset's user list. */
  users: number[];
  /** Everything before the last two items: what models are fitted on. */
  train: HistoryEntry[][];
  /** The second-last item: the target when tuning. */
  valid: HistoryEntry[];
  /** The last item: the target of the reported figures. */
  test: HistoryEntry[];
}

/** Fewest distinct items a user needs to take part (train ≥ 1, validation, test). */
export const MIN_ITEMS = 3;

/**
 * Applies the eval protocol to per-user histories: sort by time (stable: earlier entries win
 * ties), keep only the first occurrence of each item, keep users with at least 3 items, and hold
 * out the last item for test and the second-last for validation.
 */
export function leaveOneOut(
  sequences: readonly (readonly HistoryEntry[])[],
  itemCount: number,
): LeaveOneOut {
  const split: LeaveOneOut = { itemCount, users: [], train: [], valid: [], test: [] };
  sequences.forEach((sequence, user) => {
    const sorted = [...sequence].sort((a, b) => a.ts - b.ts);
    const seen = new Set<number>();
    const unique: HistoryEntry[] = [];
    for (const entry of sorted) {
      if (seen.has(entry.item)) continue;
      seen.add(entry.item);
      unique.push(entry);
    }
    if (unique.length < MIN_ITEMS) return;
    split.users.push(user);
    split.test.push(unique.pop()!);
    split.valid.push(unique.pop()!);
    split.train.push(unique);
  });
  return split;
}
