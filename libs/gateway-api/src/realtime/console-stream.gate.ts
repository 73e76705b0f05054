// One console socket's gate between the replay of what it missed and the live stream: live events are held
// while the replay is read, then those at or below the replay's end are dropped, so each durable event reaches
// the socket once and in order (ADR 0026; the web chat's visitor gate does the same, ADR 0016).
import type { ConsoleEvent } from '@switchboard/contracts';

export class ConsoleStreamGate {
  private held: ConsoleEvent[] | undefined = [];
  private upTo = 0;

  constructor(private readonly send: (event: ConsoleEvent) => void) {}

  get open(): boolean {
    return this.held === undefined;
  }

  /** A live event: held until the gate opens, dropped when the replay (or the snapshot cursor) covered it. */
  offer(event: ConsoleEvent): void {
    if (this.held) this.held.push(event);
    else if (event.seq === null || event.seq > this.upTo) {
      if (event.seq !== null) this.upTo = event.seq;
      this.send(event);
    }
  }

  /** Opens the gate after the replay sent everything up to `coveredSeq`: the held events still new follow. */
  release(coveredSeq: number): void {
    this.upTo = Math.max(this.upTo, coveredSeq);
    const held = this.held ?? [];
    this.held = undefined;
    for (const event of held) this.offer(event);
  }
}
