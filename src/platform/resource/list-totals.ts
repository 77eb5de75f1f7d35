/**
 * Totals behind X-Total-Count, kept briefly per process.
 *
 * A count is linear in the rows it matches (every active user of a district: ≈ 4 ms of PostgreSQL CPU
 * on tier M, more than the page itself), and a client paging through a collection asks for the same
 * total on every page. So a total is remembered for a few seconds, keyed by the count statement and its
 * parameters (never by limit/offset): a full sync of 590 pages counts once.
 *
 * Freshness: any write request handled by this process forgets every total at once (`forget()`, called
 * when a non-GET request's answer is sent), so a client never sees its own writes miscounted. Writes made by
 * another process or directly in the database show up within the time-to-live. Paging across requests
 * never was a snapshot, so a total that is a few seconds old is of the same kind as the pages around it.
 */
export class ListTotals {
  private generation = 0;
  private readonly entries = new Map<string, { total: number; generation: number; expiresAt: number }>();

  /** `ttlMs` 0 turns caching off. */
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 2_000,
  ) {}

  async total(key: string, count: () => Promise<number>): Promise<number> {
    if (this.ttlMs <= 0) return count();
    const now = Date.now();
    const known = this.entries.get(key);
    if (known && known.generation === this.generation && now < known.expiresAt) return known.total;
    // A count that started before a write finished must not be kept past it: remember the generation it began in.
    const generation = this.generation;
    const total = await count();
    if (generation === this.generation) {
      this.entries.delete(key);
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { total, generation, expiresAt: now + this.ttlMs });
    }
    return total;
  }

  forget(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
