import { DomainError, ErrorCode } from '@switchboard/contracts';
import { Prisma } from '@switchboard/persistence';
import { describe, expect, it } from 'vitest';
import { toDomainError } from './prisma-error.util';

const fields = { email: 'email', agent_id: 'agentId' };

function prismaError(
  code: string,
  constraint: Record<string, unknown>,
): Prisma.PrismaClientKnownRequestError {
  return new Prisma.PrismaClientKnownRequestError('constraint failed', {
    code,
    clientVersion: 'test',
    meta: { modelName: 'User', driverAdapterError: { cause: { constraint } } },
  });
}

function issuesOf(error: unknown): { code: string; paths: string[] } {
  expect(error).toBeInstanceOf(DomainError);
  const domain = error as DomainError;
  return { code: domain.code, paths: domain.issues.map((i) => i.path) };
}

describe('toDomainError', () => {
  it('names the field of a unique violation reported by index name (PostgreSQL)', () => {
    const error = toDomainError(prismaError('P2002', { index: 'users_agent_id_key' }), 'User', fields);
    expect(issuesOf(error)).toEqual({ code: ErrorCode.Conflict, paths: ['agentId'] });
  });

  it('names the field of a unique violation reported by columns (PGlite)', () => {
    const error = toDomainError(prismaError('P2002', { fields: ['tenant_id', 'email'] }), 'User', fields);
    expect(issuesOf(error)).toEqual({ code: ErrorCode.Conflict, paths: ['email'] });
  });

  it('maps a foreign-key violation to a 400 naming the field, and a missing row to 404', () => {
    expect(
      issuesOf(toDomainError(prismaError('P2003', { index: 'users_agent_id_fkey' }), 'User', fields)),
    ).toEqual({ code: ErrorCode.ValidationFailed, paths: ['agentId'] });
    expect(issuesOf(toDomainError(prismaError('P2025', {}), 'User', fields)).code).toBe(ErrorCode.NotFound);
  });

  it('passes anything else through untouched', () => {
    const other = new Error('connection lost');
    expect(toDomainError(other, 'User', fields)).toBe(other);
    const unknownCode = prismaError('P2034', {});
    expect(toDomainError(unknownCode, 'User', fields)).toBe(unknownCode);
  });
});
