// Demo credentials for tests: the pinned ones the in-process harness seeds with, and a reader for the file
// a real embedded process writes on first start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDemoCredentials, type DemoCredentials } from '@switchboard/persistence';

/** What SEED_DEMO_PASSWORD pins for every demo login in tests (never a production default). */
export const TEST_DEMO_PASSWORD = 'test-only-demo-password';
/** What SEED_DEMO_API_KEY pins in tests: well-formed, and useless anywhere else. */
export const TEST_DEMO_API_KEY = `sb_0000000000de_${'T'.repeat(43)}`;

/** Environment that pins the demo credentials, for harnesses and child processes. */
export const PINNED_DEMO_ENV = {
  SEED_DEMO_PASSWORD: TEST_DEMO_PASSWORD,
  SEED_DEMO_API_KEY: TEST_DEMO_API_KEY,
} as const;

/** The credentials an embedded process wrote next to its data directory (`<dir>/demo-credentials.txt`). */
export function readDemoCredentials(directory: string): DemoCredentials {
  return parseDemoCredentials(readFileSync(join(directory, 'demo-credentials.txt'), 'utf8'));
}
