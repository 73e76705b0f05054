// The live console's REST side: the snapshot a console streams on from, and the directory of names (the stream itself is in realtime/).
import { Module } from '@nestjs/common';
import { ConsoleSnapshotController } from './console-snapshot.controller';
import { GetConsoleDirectory } from './get-console-directory.usecase';
import { GetConsoleSnapshot } from './get-console-snapshot.usecase';
import { PresenceTracker } from '../realtime/presence.tracker';

// The presence tracker lives here so the snapshot can read it; the sockets' side gets it by importing this module.
@Module({
  controllers: [ConsoleSnapshotController],
  providers: [GetConsoleSnapshot, GetConsoleDirectory, PresenceTracker],
  exports: [PresenceTracker],
})
export class ConsoleModule {}
