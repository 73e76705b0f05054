// Turns raw bus bytes into a validated record, or a rejection that says exactly what was wrong.
import { ErrorCode, parseWith, type FieldIssue } from '@switchboard/contracts';
import type { Rejection } from '@switchboard/messaging';
import type { z } from 'zod';

export type Decoded<T> = { ok: true; record: T } | { ok: false; rejection: Rejection };

export function decodeRecord<T>(schema: z.ZodType<T>, value: Buffer): Decoded<T> {
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'unparseable';
    return {
      ok: false,
      rejection: { code: ErrorCode.InvalidJson, reason: `Value is not valid JSON: ${detail}` },
    };
  }
  const parsed = parseWith(schema, json);
  if (parsed.ok) return { ok: true, record: parsed.value };
  return {
    ok: false,
    rejection: {
      code: ErrorCode.ValidationFailed,
      reason: describeIssues(parsed.issues),
      issues: parsed.issues,
    },
  };
}

function describeIssues(issues: FieldIssue[]): string {
  const shown = issues.slice(0, 5).map((i) => `${i.path || '(root)'}: ${i.message}`);
  const more = issues.length > shown.length ? ` (+${issues.length - shown.length} more)` : '';
  return `Schema violation: ${shown.join('; ')}${more}`;
}
