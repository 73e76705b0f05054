import { parseWith } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkAnswerSchema } from './csat-link.controller';
import { CsatAnswerSchema } from './record-csat-answer.usecase';

const unstorable = fc.constantFrom('\u0000', '\uD800', '\uDFFF', 'ok\u0000ok', 'a\uD83Db');

describe('CSAT answer schemas (socket and survey link)', () => {
  it('refuse NUL and unpaired surrogates in the comment, naming the field', () => {
    fc.assert(
      fc.property(unstorable, (comment) => {
        const link = parseWith(LinkAnswerSchema, { score: '4', comment });
        const socket = parseWith(CsatAnswerSchema, { conversationId: 'c-1', score: 4, comment });
        for (const result of [link, socket]) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.issues.map((issue) => issue.path)).toEqual(['comment']);
        }
      }),
    );
  });

  it('refuse an unstorable conversation id over the socket, naming it', () => {
    fc.assert(
      fc.property(unstorable, (conversationId) => {
        const result = parseWith(CsatAnswerSchema, { conversationId, score: 4 });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues.map((issue) => issue.path)).toEqual(['conversationId']);
      }),
    );
  });

  it('keep any storable comment, trimmed', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }).filter((c) => !c.includes('\u0000')),
        (comment) => {
          const result = parseWith(LinkAnswerSchema, { score: 5, comment: ` ${comment} ` });
          expect(result).toEqual({ ok: true, value: { score: 5, comment: comment.trim() } });
        },
      ),
    );
  });
});
