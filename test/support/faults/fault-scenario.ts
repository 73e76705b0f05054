// One fault scenario's processes: its own topics (a unique prefix), its own router group, one JWT secret for
// all its processes, and a log directory whose tails are printed when the scenario fails.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFailed } from 'vitest';
import { launchRole, stopRole, tailOf, type Role, type RoleProcess } from './role-process';

export interface ScenarioOptions {
  databaseUrl: string;
  brokers: string;
  partitions?: number;
  offerTimeoutSeconds?: number;
  logLevel?: string;
}

export class FaultScenario {
  readonly env: NodeJS.ProcessEnv;
  readonly prefix: string;
  readonly logDir: string;
  private readonly processes: RoleProcess[] = [];
  private failed = false;

  constructor(name: string, options: ScenarioOptions) {
    const id = randomBytes(4).toString('hex');
    this.prefix = `fault-${name}-${id}.`;
    this.logDir = mkdtempSync(join(tmpdir(), `sb-fault-${name}-`));
    this.env = {
      ...process.env,
      LOG_LEVEL: options.logLevel ?? 'info',
      DATABASE_URL: options.databaseUrl,
      KAFKA_BROKERS: options.brokers,
      KAFKA_TOPIC_PREFIX: this.prefix,
      KAFKA_PARTITIONS: String(options.partitions ?? 3),
      ROUTER_GROUP_ID: `fault-router-${name}-${id}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      OFFER_TIMEOUT_SECONDS: String(options.offerTimeoutSeconds ?? 60),
      // Agents on autopilot answer offers at machine speed, far above what a person sends.
      RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '1000000',
      RATE_LIMIT_SOCKET_USER_EVENTS_PER_SECOND: '1000000',
    };
  }

  /** Call inside a test: on failure, the processes' last log lines are printed and the logs kept. */
  reportOnFailure(): void {
    onTestFailed(() => {
      this.failed = true;
      console.error(
        `fault scenario logs kept in ${this.logDir}\n${this.processes.map((p) => tailOf(p)).join('\n')}`,
      );
    });
  }

  async start(role: Role, extraEnv: NodeJS.ProcessEnv = {}): Promise<RoleProcess> {
    const started = await launchRole(role, { ...this.env, ...extraEnv }, this.logDir);
    this.processes.push(started);
    return started;
  }

  /** Spawns without waiting for health (a router that is expected to die). */
  async spawn(role: Role, extraEnv: NodeJS.ProcessEnv = {}): Promise<RoleProcess> {
    const started = await launchRole(role, { ...this.env, ...extraEnv }, this.logDir, { waitHealthy: false });
    this.processes.push(started);
    return started;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.processes.map((p) => stopRole(p)));
    if (this.failed || process.env.FAULT_KEEP_LOGS) console.error(`fault scenario logs: ${this.logDir}`);
    else rmSync(this.logDir, { recursive: true, force: true });
  }
}
