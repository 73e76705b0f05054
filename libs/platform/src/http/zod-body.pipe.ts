// Validates a request body with a shared contract schema and names every bad field in the 400.
import { type PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode, parseWith } from '@switchboard/contracts';
import type { z } from 'zod';

export class ZodBodyPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = parseWith(this.schema, value);
    if (parsed.ok) return parsed.value;
    const fields = [...new Set(parsed.issues.map((i) => i.path || '(body)'))].join(', ');
    throw new DomainError(ErrorCode.ValidationFailed, `Invalid request body: check ${fields}`, parsed.issues);
  }
}
