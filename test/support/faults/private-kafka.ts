// A single-node Kafka broker of the test's own (KRaft, its own data dir and loopback ports), so a test can
// restart it without touching the shared broker. It runs exactly what scripts/services.sh runs (the same jars,
// cached by `services.sh up`, the same server.properties template and log4j2 config), only elsewhere.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { freePort, root } from '../processes';

const run = promisify(execFile);
const SERVICES = join(root, 'scripts/services');
const LIBS = join(
  process.env.SWITCHBOARD_SERVICES_DIR ?? join(homedir(), '.cache/switchboard'),
  'kafka-libs',
);
const java = (): string => (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin/java') : 'java');

export class PrivateKafka {
  private broker?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    readonly dir: string,
    readonly port: number,
    readonly controllerPort: number,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private get config(): string {
    return join(this.dir, 'server.properties');
  }

  /** Formats fresh storage and starts the broker; resolves once it serves metadata requests. */
  static async start(): Promise<PrivateKafka> {
    if (!existsSync(LIBS))
      throw new Error(`no Kafka jars in ${LIBS}; run 'bash scripts/services.sh up' once to cache them`);
    const server = new PrivateKafka(
      mkdtempSync(join(tmpdir(), 'sb-kafka-')),
      await freePort(),
      await freePort(),
    );
    try {
      const template = readFileSync(join(SERVICES, 'kafka/server.properties.template'), 'utf8');
      writeFileSync(
        server.config,
        template
          .replaceAll('@KAFKA_PORT@', String(server.port))
          .replaceAll('@CONTROLLER_PORT@', String(server.controllerPort))
          .replaceAll('@DATA_DIR@', join(server.dir, 'data')),
      );
      // A cluster id is 16 random bytes in URL-safe base64 (what `StorageTool random-uuid` prints).
      const clusterId = randomBytes(16).toString('base64url');
      await run(
        java(),
        [
          '-Xmx256m',
          '-XX:+UseSerialGC',
          '-XX:TieredStopAtLevel=1',
          `-Dlog4j2.configurationFile=${join(SERVICES, 'kafka/tools-log4j2.xml')}`,
          '-cp',
          `${LIBS}/*`,
          'kafka.tools.StorageTool',
          'format',
          '--standalone',
          '-t',
          clusterId,
          '-c',
          server.config,
        ],
        { timeout: 120_000 },
      );
      await server.startBroker();
      return server;
    } catch (error) {
      await server.dispose();
      throw error;
    }
  }

  /** Starts the broker on the existing storage and waits until it answers. */
  async startBroker(): Promise<void> {
    const logs = join(this.dir, 'logs');
    mkdirSync(logs, { recursive: true });
    const out = openSync(join(logs, 'kafka.out'), 'a');
    const broker = spawn(
      java(),
      [
        '-Xms128m',
        '-Xmx384m',
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-Djava.awt.headless=true',
        `-Dlog4j2.configurationFile=${join(SERVICES, 'kafka/log4j2.xml')}`,
        `-Dkafka.logs.dir=${logs}`,
        '-cp',
        `${LIBS}/*`,
        'kafka.Kafka',
        this.config,
      ],
      { stdio: ['ignore', out, out] },
    );
    this.broker = broker;
    this.exited = new Promise((resolve) => broker.once('exit', () => resolve()));
    await this.awaitReady(broker);
  }

  /** Controlled shutdown (SIGTERM), as an operator's restart does; SIGKILL if it hangs. */
  async stopBroker(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const broker = this.broker;
    if (!broker || broker.exitCode !== null || broker.signalCode !== null) return;
    broker.kill(signal);
    const timer = setTimeout(() => broker.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stopBroker();
    await this.startBroker();
  }

  async dispose(): Promise<void> {
    await this.stopBroker('SIGKILL').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A real round trip: the broker lists topics only once its metadata is loaded. */
  private async awaitReady(broker: ChildProcess, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const kafka = new Kafka({
      clientId: 'private-kafka-probe',
      brokers: [this.brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      retry: { retries: 0 },
    });
    for (;;) {
      if (broker.exitCode !== null) throw new Error(`Kafka exited during startup; see ${this.dir}/logs`);
      const admin = kafka.admin();
      const ready = await admin
        .connect()
        .then(() => admin.listTopics())
        .then(
          () => true,
          () => false,
        );
      await admin.disconnect().catch(() => undefined);
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`Kafka not ready on ${this.brokers} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
