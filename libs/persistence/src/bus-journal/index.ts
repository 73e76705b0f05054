export { BusJournalModule } from './bus-journal.module';
export { SqlBusJournal } from './sql-bus-journal.adapter';
