// The live console's REST side: the snapshot a console streams on from, and the directory of names (the stream itself is in realtime/).
import { Module } from '@nestjs/common';
import { ConsoleSnapshotController } from './console-snapshot.controller';
import { GetConsoleDirectory } from './get-console-directory.usecase';
import { GetConsoleSnapshot } from './get-console-snapshot.usecase';

@Module({ controllers: [ConsoleSnapshotController], providers: [GetConsoleSnapshot, GetConsoleDirectory] })
export class ConsoleModule {}
