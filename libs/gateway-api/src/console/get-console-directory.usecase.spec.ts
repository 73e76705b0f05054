import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { likeLiteral } from './get-console-directory.usecase';

/** PostgreSQL's LIKE with its default escape (backslash), for a pattern that ends in `%` as startsWith does. */
function likeMatches(pattern: string, text: string): boolean {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') source += escapeRegExp(pattern[++i] ?? '');
    else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += escapeRegExp(c);
  }
  return new RegExp(`${source}$`).test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('likeLiteral', () => {
  it('makes a LIKE prefix match exactly the texts that start with the search, wildcards included', () => {
    const chars = fc.constantFrom('a', 'b', '%', '_', '\\');
    const text = fc.array(chars, { maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, text, (search, candidate) => {
        expect(likeMatches(`${likeLiteral(search)}%`, candidate)).toBe(candidate.startsWith(search));
      }),
    );
  });
});
