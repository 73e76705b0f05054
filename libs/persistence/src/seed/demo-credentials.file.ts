// The demo credentials file: written once, owner-only, next to the embedded data, so a newcomer can read the
// random passwords and key after the terminal has scrolled away. Tools read it back with parseDemoCredentials.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { inboxWebhookPath } from '@switchboard/contracts';
import type { DemoInboxCredentials } from './demo-inboxes.seeder';
import type { DemoPasswords } from './demo-seed.service';
import { DEMO_EMAIL_DOMAIN } from './demo-tenant.data';

export const DEMO_CREDENTIALS_FILE_NAME = 'demo-credentials.txt';

export interface DemoCredentials {
  readonly tenant: string;
  readonly agents: number;
  readonly passwords: DemoPasswords;
  readonly apiKey: string;
  /** The demo inboxes, with their secrets; listed after the logins. */
  readonly inboxes?: readonly DemoInboxCredentials[];
  /** Where the engine listens (e.g. http://127.0.0.1:3000), for the inboxes' webhook URLs. */
  readonly baseUrl?: string;
}

const SECRET_LABELS = {
  appSecret: 'app secret',
  verifyToken: 'verify token',
  accessToken: 'access token',
  consumerSecret: 'consumer secret',
} as const;

/** `Inbox <channel>: <address>`, then its webhook URL and secrets, so `sed` can read any one of them. */
function inboxLines(inboxes: readonly DemoInboxCredentials[], baseUrl: string): string[] {
  return inboxes.flatMap((inbox) => {
    const webhook = inboxWebhookPath(inbox.channel, inbox.id);
    const label = `Inbox ${inbox.channel}`;
    return [
      `${label}: ${inbox.address}`,
      ...(webhook ? [`${label} webhook: ${baseUrl}${webhook}`] : []),
      ...Object.entries(inbox.secrets).map(
        ([name, value]) => `${label} ${SECRET_LABELS[name as keyof typeof SECRET_LABELS]}: ${value}`,
      ),
    ];
  });
}

/** `.data/pglite` keeps its credentials in `.data/demo-credentials.txt`. */
export function demoCredentialsPath(pgliteDataDir: string): string {
  return join(dirname(pgliteDataDir), DEMO_CREDENTIALS_FILE_NAME);
}

/** One `Label: value` per line, so `sed -n 's/^Agent password: //p'` reads a value back. */
export function formatDemoCredentials(credentials: DemoCredentials): string {
  const at = `@${DEMO_EMAIL_DOMAIN}`;
  return [
    `# Switchboard demo tenant. Random for this installation; keep this file private.`,
    `Tenant: ${credentials.tenant}`,
    `Admin login: admin${at}`,
    `Admin password: ${credentials.passwords.admin}`,
    `Supervisor login: supervisor${at}`,
    `Supervisor password: ${credentials.passwords.supervisor}`,
    `Agent logins: agent1${at} .. agent${credentials.agents}${at}`,
    `Agent password: ${credentials.passwords.agent}`,
    `Integrator API key: ${credentials.apiKey}`,
    ...inboxLines(credentials.inboxes ?? [], credentials.baseUrl ?? ''),
    '',
  ].join('\n');
}

export function parseDemoCredentials(text: string): DemoCredentials {
  const value = (label: string): string => {
    const match = new RegExp(`^${label}: (.+)$`, 'm').exec(text);
    if (!match) throw new Error(`demo credentials: no "${label}" line`);
    return match[1].trim();
  };
  const agents = /\.\. agent(\d+)@/.exec(value('Agent logins'))?.[1];
  return {
    tenant: value('Tenant'),
    agents: Number(agents ?? 0),
    passwords: {
      admin: value('Admin password'),
      supervisor: value('Supervisor password'),
      agent: value('Agent password'),
    },
    apiKey: value('Integrator API key'),
  };
}

/** Writes (or replaces) the file readable by its owner only, whatever mode an older file had. */
export async function writeDemoCredentialsFile(path: string, credentials: DemoCredentials): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, formatDemoCredentials(credentials), { mode: 0o600 });
  // `mode` applies only when the file is created: tighten one a previous installation left behind.
  await chmod(path, 0o600);
}
