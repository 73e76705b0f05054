// Provides the in-process bus's journal over the process's database. Import it where the bus should be
// durable (the embedded all-in-one app); MessagingModule picks it up when the database is PGlite.
import { Global, Module } from '@nestjs/common';
import { BUS_JOURNAL, type BusJournal } from '@switchboard/messaging';
import type { PrismaClient } from '../generated/prisma/client';
import { PRISMA_CLIENT } from '../persistence.tokens';
import { SqlBusJournal } from './sql-bus-journal.adapter';

@Global()
@Module({
  providers: [
    {
      provide: BUS_JOURNAL,
      // Injecting the client orders this after the database is opened and migrated on boot.
      inject: [PRISMA_CLIENT],
      useFactory: (prisma: PrismaClient): BusJournal => new SqlBusJournal(prisma),
    },
  ],
  exports: [BUS_JOURNAL],
})
export class BusJournalModule {}
