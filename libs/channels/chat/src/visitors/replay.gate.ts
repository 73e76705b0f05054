// One visitor socket's gate between the replay of what it missed and the live pushes: live pushes are held
// while the replay is read, and afterwards those the replay already carried (same or lower seq) are dropped,
// so each push reaches the socket once and the replay keeps its order.

export interface GatedPush {
  event: string;
  payload: object;
  /** The routing event's per-tenant seq; absent for pushes that are not events (queue status, typing). */
  seq?: number;
}

export class ReplayGate {
  private held: GatedPush[] | undefined = [];
  private replayedUpTo = 0;

  constructor(private readonly send: (push: GatedPush) => void) {}

  /** A live push: held while the replay is read, dropped when the replay already sent it. */
  offer(push: GatedPush): void {
    if (this.held) this.held.push(push);
    else if (push.seq === undefined || push.seq > this.replayedUpTo) this.send(push);
  }

  /** Sends the replay (in seq order), then what `between` sends, then the held live pushes still new. */
  open(replayed: readonly GatedPush[], between: () => void = () => undefined): void {
    for (const push of replayed) {
      this.send(push);
      this.replayedUpTo = Math.max(this.replayedUpTo, push.seq ?? 0);
    }
    between();
    const held = this.held ?? [];
    this.held = undefined;
    for (const push of held) this.offer(push);
  }
}
