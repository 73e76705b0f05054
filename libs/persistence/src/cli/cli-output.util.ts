// Command-line output for the persistence commands: plain lines on stdout, failures on stderr.
import type { MigrationLogger } from '../migrate/migrate.runner';
import { MigrationError } from '../migrate/migration.exception';

export function printLine(line: string): void {
  process.stdout.write(`${line}\n`);
}

export const cliLogger: MigrationLogger = {
  info: printLine,
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
};

/** Runs a command, reporting a failure as one readable line and a non-zero exit code. */
export function runCommand(name: string, command: () => Promise<void>): void {
  command().catch((error: unknown) => {
    const code = error instanceof MigrationError ? ` [${error.code}]` : '';
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name} failed${code}: ${message}\n`);
    process.exitCode = 1;
  });
}
