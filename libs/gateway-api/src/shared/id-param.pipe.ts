// Validates an id in the path, so a malformed id is a 400 naming the parameter rather than a query.
import { type PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode, IdSchema } from '@switchboard/contracts';

export class IdParamPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name = 'id') {}

  transform(value: unknown): string {
    const parsed = IdSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new DomainError(ErrorCode.ValidationFailed, `Invalid ${this.name}`, [
      { path: this.name, message: 'not a valid id' },
    ]);
  }
}
