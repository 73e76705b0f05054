// Injection tokens of the persistence module. Inject the client with `@InjectPrisma()`: an explicit
// token does not depend on how each compiler emits decorator metadata for the generated client,
// which is a const-and-type pair rather than a plain class.
import { Inject } from '@nestjs/common';

export const PRISMA_CLIENT = Symbol('switchboard.persistence.PrismaClient');
/** The opened database handle, kept inside the module for boot migrations and shutdown. */
export const DATABASE = Symbol('switchboard.persistence.Database');
export const PERSISTENCE_OPTIONS = Symbol('switchboard.persistence.Options');

/** `constructor(@InjectPrisma() private readonly prisma: PrismaClient)` */
export const InjectPrisma = (): PropertyDecorator & ParameterDecorator => Inject(PRISMA_CLIENT);

/** The hot path's plain-SQL transactor (`SqlTransactor`), on the same database as the Prisma client. */
export const SQL_TRANSACTOR = Symbol('switchboard.persistence.SqlTransactor');
