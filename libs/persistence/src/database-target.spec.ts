import { describe, expect, it } from 'vitest';
import { describeDatabaseTarget, resolveDatabaseTarget } from './database-target';

describe('resolveDatabaseTarget', () => {
  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(resolveDatabaseTarget({ DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/sb' })).toEqual({
      kind: 'postgres',
      url: 'postgresql://u:p@127.0.0.1:5432/sb',
    });
  });

  it('falls back to PGlite in .data/pglite, or PGLITE_DATA_DIR', () => {
    expect(resolveDatabaseTarget({})).toEqual({ kind: 'pglite', dataDir: '.data/pglite' });
    expect(resolveDatabaseTarget({ DATABASE_URL: ' ', PGLITE_DATA_DIR: 'memory://' })).toEqual({
      kind: 'pglite',
      dataDir: 'memory://',
    });
  });

  it('rejects a URL for another database', () => {
    expect(() => resolveDatabaseTarget({ DATABASE_URL: 'mysql://localhost/sb' })).toThrow(/postgres/);
  });
});

describe('describeDatabaseTarget', () => {
  it('hides the password', () => {
    const text = describeDatabaseTarget({ kind: 'postgres', url: 'postgresql://sb:secret@db:5432/sb' });
    expect(text).not.toContain('secret');
    expect(text).toContain('db:5432/sb');
  });
});
