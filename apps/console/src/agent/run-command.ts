// How views send a command: the live client's ack, reported to the user (outcome or the server's errors).
import type { CommandAck } from '@switchboard/contracts/console-event.schema';

export type RunCommand = (command: Record<string, unknown>, success: string) => Promise<CommandAck>;
