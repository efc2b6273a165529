import {
  applyShopperEvent,
  createShopperState,
  meaningOf,
  purchasedItems,
  type Dataset,
  type HistoryEntry,
  type InteractionKind,
  type ItemMeta,
  type StoredEvent,
} from '@insitu/core';

/** A refund or a cancellation (an order update also reverses lines, but replaces them). */
const undoes = (e: StoredEvent) => {
  const order = meaningOf(e.name)?.order;
  return order === 'refund' || order === 'cancel';
};

/**
 * Collects interactions from any number of sources and turns them into a compact `Dataset`.
 * Items get indices in order of first appearance, users keep theirs, and each history is sorted
 * by time with a stable sort, so file order breaks ties. Order events (`order`) are kept per user,
 * so a refund or cancellation in any source undoes the purchase it reverses, as on the device.
 */
export class DatasetBuilder {
  private readonly itemIndex = new Map<string, number>();
  private readonly itemIds: string[] = [];
  private readonly userIndex = new Map<string, number>();
  private readonly userIds: string[] = [];
  private readonly sequences: HistoryEntry[][] = [];
  private readonly orders = new Map<number, StoredEvent[]>();
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

  private user(id: string): number {
    let u = this.userIndex.get(id);
    if (u === undefined) {
      u = this.userIds.length;
      this.userIndex.set(id, u);
      this.userIds.push(id);
      this.sequences.push([]);
    }
    return u;
  }

  /** Records one interaction. */
  add(user: string, item: string, ts: number, kind: InteractionKind): void {
    this.sequences[this.user(user)]!.push({ item: this.item(item), ts, kind });
    this.count += 1;
  }

  /** Keeps an order event (completed, updated, refunded, cancelled) of a user for `build()`. */
  order(user: string, event: StoredEvent): void {
    const u = this.user(user);
    let list = this.orders.get(u);
    if (list === undefined) this.orders.set(u, (list = []));
    list.push(event);
  }

  /**
   * Core's refund rule on the training histories: replays each user's order events by time
   * (`applyShopperEvent`), and an item a refund or cancellation reverses in full, with no
   * standing order still holding it, was not bought: its purchases up to then count as cart.
   */
  private undoRefunds(): void {
    for (const [u, events] of this.orders) {
      if (!events.some(undoes)) continue;
      const state = createShopperState();
      // A stable sort: events of one time keep their file order.
      for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
        const reversed = applyShopperEvent(state, e).reversed?.lines ?? [];
        if (reversed.length === 0 || !undoes(e)) continue;
        const kept = purchasedItems(state);
        for (const line of reversed) {
          const item = this.itemIndex.get(line.id);
          if (item === undefined || kept.has(line.id)) continue;
          for (const h of this.sequences[u]!) {
            if (h.item === item && h.kind === 'purchase' && h.ts <= e.ts) h.kind = 'cart';
          }
        }
      }
    }
  }

  /**
   * The dataset. Items that only the metadata knows join the vocabulary after the logged ones
   * (a shop's unsold products are still candidates).
   */
  build(meta?: ReadonlyMap<string, ItemMeta>): Dataset {
    this.undoRefunds();
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
