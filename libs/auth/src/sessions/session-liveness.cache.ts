// Answers "is this session still live?" from memory for up to `ttlMs`, so a request costs no query while a
// revocation still takes effect everywhere within that window. Concurrent misses for one id share a load.
export interface SessionLivenessCacheOptions {
  ttlMs: number;
  /** Oldest entries are dropped beyond this, so memory stays bounded however many sessions call. */
  maxEntries: number;
  /** Returns the subset of `ids` that are live now. */
  loadLive: (ids: string[]) => Promise<Set<string>>;
  now?: () => number;
}

interface Entry {
  live: boolean;
  checkedAt: number;
}

export class SessionLivenessCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<boolean>>();
  private readonly now: () => number;

  constructor(private readonly options: SessionLivenessCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  isLive(sessionId: string): Promise<boolean> {
    const entry = this.entries.get(sessionId);
    if (entry && this.now() - entry.checkedAt < this.options.ttlMs) return Promise.resolve(entry.live);
    const pending = this.loading.get(sessionId);
    if (pending) return pending;
    const load = this.load(sessionId).finally(() => this.loading.delete(sessionId));
    this.loading.set(sessionId, load);
    return load;
  }

  /** A revocation made by this process applies here at once; other processes wait out the window. */
  markRevoked(sessionId: string): void {
    this.remember(sessionId, false);
  }

  private async load(sessionId: string): Promise<boolean> {
    const live = (await this.options.loadLive([sessionId])).has(sessionId);
    this.remember(sessionId, live);
    return live;
  }

  private remember(sessionId: string, live: boolean): void {
    this.entries.delete(sessionId);
    this.entries.set(sessionId, { live, checkedAt: this.now() });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
