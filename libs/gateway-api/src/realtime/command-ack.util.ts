// Turns a forwarded console command into its socket ack, on /agents and /supervisors alike: the router's outcome,
// or why the command never reached the router (a domain error with its code, or UNAVAILABLE).
import type { Logger } from '@nestjs/common';
import { DomainError, type CommandAck } from '@switchboard/contracts';
import type { ForwardedCommand } from './agent-command.usecase';

export async function commandAck(
  forward: () => Promise<ForwardedCommand>,
  logger: Logger,
): Promise<CommandAck> {
  try {
    const { outcome } = await forward();
    return await outcome;
  } catch (error) {
    if (error instanceof DomainError) {
      const errors = error.issues.length > 0 ? { errors: error.issues } : {};
      return { ok: false, code: error.code, message: error.message, ...errors };
    }
    logger.error(error);
    return { ok: false, code: 'UNAVAILABLE', message: 'The command could not be queued; retry' };
  }
}
