// A PostgreSQL server of the test's own (initdb in a temp dir, a free loopback port), so a test can restart
// or stop it without touching the shared server other tests use. Needs root: the server runs as the
// `postgres` OS user, as Debian's packaged binaries expect.
import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { migrateDatabase } from '@switchboard/persistence';
import { freePort } from '../processes';

const run = promisify(execFile);
const PG_BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const ROLE = 'switchboard';
const PASSWORD = 'switchboard';

export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** `postgres://` URL of the test database, owned by the switchboard role. */
  get url(): string {
    return `postgres://${ROLE}:${PASSWORD}@127.0.0.1:${this.port}/${ROLE}`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** initdb, start, create the role and database, apply the committed migrations. */
  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'sb-pg-'));
    const { uid, gid } = await postgresUser();
    chownSync(dir, uid, gid);
    const server = new PrivatePostgres(dir, await freePort());
    try {
      const pwfile = join(dir, 'pw');
      writeFileSync(pwfile, `${PASSWORD}\n`);
      chownSync(pwfile, uid, gid);
      await asPostgres(join(PG_BIN, 'initdb'), [
        '-D',
        server.dataDir,
        '-U',
        'postgres',
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        `--pwfile=${pwfile}`,
        '--no-sync',
        '--encoding=UTF8',
        '--locale=C',
      ]);
      await server.startServer();
      await server.psql(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'`);
      await server.psql(`CREATE DATABASE ${ROLE} OWNER ${ROLE}`);
      await migrateDatabase({ kind: 'postgres', url: server.url });
      return server;
    } catch (error) {
      await server.dispose();
      throw error;
    }
  }

  /** `pg_ctl restart -m fast`: every open connection is cut, the server is back when this resolves. */
  async restart(): Promise<void> {
    await this.pgCtl(['restart', '-m', 'fast', '-w', '-l', this.logFile, '-o', this.serverOptions()]);
  }

  async stopServer(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.pgCtl(['stop', '-m', mode, '-w']);
  }

  async startServer(): Promise<void> {
    // -l: the server must not inherit our pipes, or this call would wait for the server to exit.
    await this.pgCtl(['start', '-w', '-t', '60', '-l', this.logFile, '-o', this.serverOptions()]);
  }

  /** Stops the server (if running) and deletes its files. */
  async dispose(): Promise<void> {
    await this.stopServer('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get logFile(): string {
    return join(this.dir, 'server.log');
  }

  private serverOptions(): string {
    return `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=60`;
  }

  private pgCtl(args: string[]): Promise<void> {
    return asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', this.dataDir, ...args]);
  }

  private psql(statement: string): Promise<void> {
    return asPostgres(join(PG_BIN, 'psql'), [
      '-h',
      this.dir,
      '-p',
      String(this.port),
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-qc',
      statement,
    ]);
  }
}

async function asPostgres(command: string, args: string[]): Promise<void> {
  // cwd '/': the postgres user may not be allowed to read the checkout.
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : ['sudo', ['-n', '-u', 'postgres', command, ...args]];
  try {
    await run(file, argv, { cwd: '/', timeout: 120_000 });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr ?? ''}${stdout ?? ''}`);
  }
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
