// Validates query strings with the same contract schemas as bodies; a bad parameter is a 400 naming it.
import { type PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode, parseWith } from '@switchboard/contracts';
import type { z } from 'zod';

export class ZodQueryPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = parseWith(this.schema, value ?? {});
    if (parsed.ok) return parsed.value;
    const fields = [...new Set(parsed.issues.map((i) => i.path || '(query)'))].join(', ');
    throw new DomainError(
      ErrorCode.ValidationFailed,
      `Invalid query parameters: check ${fields}`,
      parsed.issues,
    );
  }
}
