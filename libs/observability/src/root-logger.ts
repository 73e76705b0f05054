// One pino instance per process; Nest's logger, HTTP logs and library adapters all write through it.
import pino, { type Logger } from 'pino';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

export function createRootLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    // Never log credentials, even by accident in a request dump.
    redact: [
      'req.headers.authorization',
      'req.headers["x-api-key"]',
      'req.headers.cookie',
      '*.password',
      '*.token',
    ],
  });
}
