// On the embedded default a 202 means stored: the built engine is killed with SIGKILL in the middle of a burst
// of contacts, and the restarted engine (same PGlite directory) still stores and routes every one it accepted.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topics } from '@switchboard/contracts';
import { openDatabase } from '@switchboard/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { readDemoCredentials } from '../support/demo-credentials';
import { freePort, root, startRole, stop, waitForHealth } from '../support/processes';

const entry = join(root, 'dist/apps/switchboard/main.js');
const CONTACTS = 200;
/** The kill comes when this many 202s have arrived, while the rest of the burst is still in flight. */
const KILL_AFTER = 120;

function embeddedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
  delete env.KAFKA_BROKERS;
  delete env.DATABASE_URL;
  delete env.JWT_SECRET;
  delete env.KAFKA_TOPIC_PREFIX;
  return { ...env, OFFER_TIMEOUT_SECONDS: '300', ...extra };
}

async function startEngine(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startRole('switchboard', embeddedEnv({ PORT: String(port), PGLITE_DATA_DIR: dataDir }));
  await waitForHealth(url, child, 90_000);
  return { child, url };
}

function contact(i: number): Record<string, unknown> {
  return {
    channel: 'chat',
    channelMessageId: `durable-${i}`,
    from: { address: `customer-${i}@example.com` },
    body: `Contact ${i}: where is my order?`,
    sentAt: new Date().toISOString(),
  };
}

describe('embedded default: accepted contacts survive kill -9', () => {
  let workDir: string;
  let dataDir: string;
  let engine: { child: ChildProcess; url: string } | undefined;
  const accepted: string[] = [];
  /** Stored contacts, including any whose 202 the kill cut off: each becomes one conversation. */
  let storedCount = 0;
  let agent: AgentClient | undefined;

  beforeAll(() => {
    if (!existsSync(entry))
      execFileSync('npx', ['nest', 'build', 'switchboard'], { cwd: root, stdio: 'inherit' });
    workDir = mkdtempSync(join(tmpdir(), 'switchboard-durability-'));
    dataDir = join(workDir, 'pglite');
  });

  afterAll(async () => {
    agent?.close();
    await stop(engine?.child);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('stores every contact it answered 202 for before the process is killed', async () => {
    engine = await startEngine(dataDir);
    const { apiKey } = readDemoCredentials(workDir);

    const { url, child } = engine;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const post = async (i: number): Promise<void> => {
      const response = await fetch(`${url}/v1/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify(contact(i)),
      }).catch(() => undefined); // in flight at the kill: never answered, so never promised
      if (response?.status !== 202) return;
      accepted.push(`durable-${i}`);
      // No graceful shutdown and nothing flushed on the way out; the router is mid-stream.
      if (accepted.length === KILL_AFTER) child.kill('SIGKILL');
    };
    await Promise.all(Array.from({ length: CONTACTS }, (_, i) => post(i)));
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(accepted.length).toBeGreaterThanOrEqual(KILL_AFTER);

    // Look inside the dead engine's database: every accepted contact is in the bus journal.
    const database = openDatabase({ kind: 'pglite', dataDir });
    try {
      const rows = await database.prisma.$queryRaw<Array<{ value: Uint8Array }>>`
        SELECT value FROM bus_journal WHERE topic = ${Topics.inbound}`;
      const stored = rows.map((row) => {
        const record = JSON.parse(Buffer.from(row.value).toString('utf8')) as { channelMessageId: string };
        return record.channelMessageId;
      });
      expect(stored).toEqual(expect.arrayContaining(accepted));
      storedCount = new Set(stored).size;
      const [{ unconsumed }] = await database.prisma.$queryRaw<Array<{ unconsumed: number }>>`
        SELECT COUNT(*)::int AS unconsumed FROM bus_journal j
        WHERE j.topic = ${Topics.inbound}
          AND j."offset" >= COALESCE((SELECT MIN("offset") FROM bus_positions p WHERE p.topic = j.topic), 0)`;
      console.info(
        `${accepted.length} answered 202, ${storedCount} stored, ${unconsumed} not yet committed by the router at the kill`,
      );
    } finally {
      await database.close();
    }
  }, 180_000);

  it('after a restart on the same directory, stores every accepted contact and offers them to an agent', async () => {
    engine = await startEngine(dataDir);
    const { url } = engine;
    // The restart seeded nothing: the first start's random credentials still work.
    const { passwords } = readDemoCredentials(workDir);
    const supervisor = new ApiClient(
      url,
      await AgentClient.login(url, 'demo', 'supervisor@demo.test', passwords.supervisor),
    );
    const listed = async (): Promise<Array<{ id: string }>> => {
      const response = await supervisor.get<{ items: Array<{ id: string }> }>('/v1/conversations?limit=200');
      expect(response.status).toBe(200);
      return response.body.items;
    };
    await expect
      .poll(async () => (await listed()).length, { timeout: 60_000, interval: 250 })
      .toBe(storedCount);
    const conversations = new Set((await listed()).map((c) => c.id));

    agent = await AgentClient.connect(
      url,
      await AgentClient.login(url, 'demo', 'agent1@demo.test', passwords.agent),
    );
    expect((await agent.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    const offer = await agent.next('offer.created', () => true, 60_000);
    expect(conversations.has(offer.conversationId as string)).toBe(true);

    // And by identity: each accepted contact is a stored message.
    agent.close();
    await stop(engine.child);
    const database = openDatabase({ kind: 'pglite', dataDir });
    try {
      const rows = await database.prisma.$queryRaw<Array<{ id: string }>>`
        SELECT channel_message_id AS id FROM messages WHERE channel_message_id LIKE 'durable-%'`;
      expect(rows.map((row) => row.id)).toEqual(expect.arrayContaining(accepted));
    } finally {
      await database.close();
    }
  }, 180_000);
});
