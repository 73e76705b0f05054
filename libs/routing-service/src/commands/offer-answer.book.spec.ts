import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OfferAnswerBook } from './offer-answer.book';

describe('OfferAnswerBook', () => {
  it('tells a redelivery of the answering command from another console answering the same offer', () => {
    const book = new OfferAnswerBook();
    book.record('offer-1', 'cmd-a');
    expect(book.answeredByAnother('offer-1', 'cmd-a')).toBe(false);
    expect(book.answeredByAnother('offer-1', 'cmd-b')).toBe(true);
    expect(book.answeredByAnother('offer-2', 'cmd-b')).toBe(false);
  });

  it('keeps only the newest answers, forgetting the oldest first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 60 }), (capacity, count) => {
        const book = new OfferAnswerBook(capacity);
        for (let i = 0; i < count; i++) book.record(`offer-${i}`, `cmd-${i}`);
        for (let i = 0; i < count; i++) {
          const kept = i >= count - capacity;
          expect(book.answeredByAnother(`offer-${i}`, 'someone-else')).toBe(kept);
        }
      }),
    );
  });
});
