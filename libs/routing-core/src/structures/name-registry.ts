// Interns skill and language names to small integers so hot-path checks are array reads, not string hashing.

export class NameRegistry {
  private readonly ids = new Map<string, number>();

  intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(name, id);
    }
    return id;
  }

  /** -1 when the name was never seen: nobody can match it. */
  lookup(name: string): number {
    return this.ids.get(name) ?? -1;
  }

  get size(): number {
    return this.ids.size;
  }
}
