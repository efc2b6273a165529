import type { Dataset, HistoryEntry, InteractionKind, ItemMeta } from '@insitu/core';

/**
 * Collects interactions from any number of sources and turns them into a compact `Dataset`.
 * Items get indices in order of first appearance, users keep theirs, and each history is sorted
 * by time with a stable sort, so file order breaks ties.
 */
export class DatasetBuilder {
  private readonly itemIndex = new Map<string, number>();
  private readonly itemIds: string[] = [];
  private readonly userIndex = new Map<string, number>();
  private readonly userIds: string[] = [];
  private readonly sequences: HistoryEntry[][] = [];
  private count = 0;

  /** Index of an item id, adding it to the vocabulary when new. */
  item(id: string): number {
    let index = this.itemIndex.get(id);
    if (index === undefined) {
      index = this.itemIds.length;
      this.itemIndex.set(id, index);
      this.itemIds.push(id);
    }
    return index;
  }

  /** Records one interaction. */
  add(user: string, item: string, ts: number, kind: InteractionKind): void {
    let u = this.userIndex.get(user);
    if (u === undefined) {
      u = this.userIds.length;
      this.userIndex.set(user, u);
      this.userIds.push(user);
      this.sequences.push([]);
    }
    this.sequences[u]!.push({ item: this.item(item), ts, kind });
    this.count += 1;
  }

  /**
   * The dataset. Items that only the metadata knows join the vocabulary after the logged ones
   * (a shop's unsold products are still candidates).
   */
  build(meta?: ReadonlyMap<string, ItemMeta>): Dataset {
    if (meta !== undefined) for (const id of meta.keys()) this.item(id);
    const sequences = this.sequences.map((s) => [...s].sort((a, b) => a.ts - b.ts));
    const dataset: Dataset = {
      itemIds: [...this.itemIds],
      itemIndex: new Map(this.itemIndex),
      userIds: [...this.userIds],
      sequences,
      interactions: this.count,
    };
    if (meta !== undefined) {
      dataset.items = dataset.itemIds.map((id) => meta.get(id) ?? { categories: [] });
    }
    return dataset;
  }
}
