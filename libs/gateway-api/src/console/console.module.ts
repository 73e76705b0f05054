// The live console's REST side: the snapshot a console streams on from (the stream itself is in realtime/).
import { Module } from '@nestjs/common';
import { ConsoleSnapshotController } from './console-snapshot.controller';
import { GetConsoleSnapshot } from './get-console-snapshot.usecase';

@Module({ controllers: [ConsoleSnapshotController], providers: [GetConsoleSnapshot] })
export class ConsoleModule {}
