// The built gateway role, as an operator runs it, listens for SMTP on SMTP_PORT beside HTTP: the webpack
// bundle carries the email channel, and a refused recipient gets its 550 from the real process.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startRole, stop, waitForHealth } from '../support/processes';
import { refusal } from '../support/email';

describe('the built gateway role (embedded)', () => {
  let child: ChildProcess;
  let dataDir: string;
  let smtpPort: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-email-process-'));
    const port = await freePort();
    smtpPort = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
    delete env.KAFKA_BROKERS;
    delete env.DATABASE_URL;
    delete env.JWT_SECRET;
    child = startRole('gateway', {
      ...env,
      PORT: String(port),
      SMTP_PORT: String(smtpPort),
      PGLITE_DATA_DIR: join(dataDir, 'pglite'),
      BLOB_DIR: join(dataDir, 'blobs'),
    });
    await waitForHealth(`http://127.0.0.1:${port}`, child, 60_000);
  }, 90_000);

  afterAll(async () => {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers SMTP on SMTP_PORT and refuses a recipient that is no inbox with 550', async () => {
    const client = createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true });
    try {
      await expect(client.verify()).resolves.toBe(true);
      const failure = await refusal(client, {
        from: 'ann@example.com',
        to: 'nobody@nowhere.test',
        text: 'hi',
      });
      expect(failure.responseCode).toBe(550);
    } finally {
      client.close();
    }
  });
});
