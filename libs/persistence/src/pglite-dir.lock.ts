// PGlite does not stop a second instance, in this process or another, from opening the same data
// directory, and two writers corrupt it. A pid lock file turns that into a clear error instead.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'switchboard.lock';

export interface DirLock {
  release(): void;
}

export function lockPgliteDir(dataDir: string): DirLock {
  const path = join(dataDir, LOCK_FILE);
  if (!tryCreate(path)) {
    const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    if (isAlive(holder)) {
      throw new Error(
        `PGlite data directory ${dataDir} is already open in process ${holder}. ` +
          'PGlite allows one connection per directory: stop that process, or share its database handle.',
      );
    }
    // The holder died without cleaning up; the lock is stale.
    rmSync(path, { force: true });
    if (!tryCreate(path)) throw new Error(`Could not lock PGlite data directory ${dataDir}`);
  }
  return { release: () => rmSync(path, { force: true }) };
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
