// A delete that loses a race to a new reference hits a Restrict foreign key. That is "still in use" (409), not
// a bad field as a foreign-key error on a create or update would be.
import { Prisma } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import { inUse } from './tenant-refs.util';

export function toDeleteError(error: unknown, entity: string, inUseMessage: string): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003')
    return inUse(inUseMessage);
  return toDomainError(error, entity, {});
}
