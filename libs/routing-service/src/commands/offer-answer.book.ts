// Which command answered each recent offer, so a redelivery of that command is "done" while another console's
// answer to the same offer (a second tab) is refused. Memory only and bounded: after a restart every answered
// offer counts as a redelivery, which is what a command replayed from Kafka then is.
export const OFFER_ANSWERS_KEPT = 50_000;

export class OfferAnswerBook {
  private readonly answers = new Map<string, string>();

  constructor(private readonly capacity = OFFER_ANSWERS_KEPT) {}

  record(offerId: string, commandId: string): void {
    this.answers.delete(offerId);
    this.answers.set(offerId, commandId);
    // A Map iterates in insertion order: the first key is the oldest answer.
    if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value as string);
  }

  /** True when a different command than this one is known to have answered the offer. */
  answeredByAnother(offerId: string, commandId: string): boolean {
    const answeredBy = this.answers.get(offerId);
    return answeredBy !== undefined && answeredBy !== commandId;
  }
}
