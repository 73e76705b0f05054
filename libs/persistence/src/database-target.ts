// Which database a process talks to: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite.

export interface PostgresTarget {
  readonly kind: 'postgres';
  readonly url: string;
}

export interface PgliteTarget {
  readonly kind: 'pglite';
  /** A directory path, or `memory://` for a throwaway in-memory database. */
  readonly dataDir: string;
}

export type DatabaseTarget = PostgresTarget | PgliteTarget;

export const PGLITE_MEMORY = 'memory://';
export const DEFAULT_PGLITE_DATA_DIR = '.data/pglite';

export function resolveDatabaseTarget(env: Readonly<Record<string, string | undefined>>): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
    }
    return { kind: 'postgres', url };
  }
  const dataDir = env.PGLITE_DATA_DIR?.trim();
  return { kind: 'pglite', dataDir: dataDir || DEFAULT_PGLITE_DATA_DIR };
}

/** A log-safe description: the password never leaves the process. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  switch (target.kind) {
    case 'postgres': {
      const url = new URL(target.url);
      if (url.password) url.password = '***';
      return `postgres ${url.toString()}`;
    }
    case 'pglite':
      return `pglite ${target.dataDir}`;
  }
}
