import { parseWith } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VisitorMessageInputSchema, VisitorReceiptInputSchema } from './visitor-message.schema';

const unstorable = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('\u0000', '\uD800', '\uDFFF'),
    fc.string({ maxLength: 20 }),
  )
  .map(([before, bad, after]) => `${before}${bad}${after}`);

describe('what a visitor sends', () => {
  it('refuses text PostgreSQL cannot store in every string field, naming the field', () => {
    fc.assert(
      fc.property(unstorable, (text) => {
        const receipt = parseWith(VisitorReceiptInputSchema, { messageId: text });
        const message = parseWith(VisitorMessageInputSchema, { clientMessageId: 'm-1', body: text });
        const named = parseWith(VisitorMessageInputSchema, {
          clientMessageId: 'm-1',
          body: 'hi',
          displayName: text,
        });
        for (const [result, field] of [
          [receipt, 'messageId'],
          [message, 'body'],
          [named, 'displayName'],
        ] as const) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain(field);
        }
      }),
    );
  });
});
