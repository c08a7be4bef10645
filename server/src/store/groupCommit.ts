/**
 * Gathers writes that arrive while one is in flight and hands them to `write` together, so that
 * a store whose every round trip costs milliseconds spends one on a crowd of writes rather than
 * one each. The first write goes at once; batches go one after another, so writes keep the order
 * they were added in. `write` resolves to one result per item, in order.
 *
 * A batch that fails is tried again one write at a time, so that one bad write (to a session just
 * erased, say) fails alone rather than taking its neighbours with it.
 */
export class GroupCommit<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (err: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 256,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Whatever else this task adds joins the first batch.
        queueMicrotask(() => void this.drain());
      }
    });
  }

  /** Resolves once every write added so far has settled. */
  async idle(): Promise<void> {
    while (this.running) await new Promise((r) => setTimeout(r, 1));
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.write(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (err) {
        if (batch.length === 1) {
          batch[0]!.reject(err);
          continue;
        }
        for (const b of batch) {
          try {
            b.resolve((await this.write([b.item]))[0]!);
          } catch (one) {
            b.reject(one);
          }
        }
      }
    }
    this.running = false;
  }
}
