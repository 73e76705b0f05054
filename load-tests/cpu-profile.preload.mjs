// `LOAD_CPU_PROFILE=1`: preloaded into the engine's processes (node --import), it profiles the process from boot
// and writes a .cpuprofile (the Chrome DevTools format --cpu-prof writes) on SIGUSR2. --cpu-prof itself writes
// only on a normal exit, and a Nest process stopped with SIGTERM re-raises the signal and never exits normally.
import { Session } from 'node:inspector';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.LOAD_CPU_PROFILE_DIR || process.cwd();
const session = new Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.start'));
process.on('SIGUSR2', () => {
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    const file = join(dir, `${process.env.LOAD_CPU_PROFILE_NAME || 'process'}-${process.pid}.cpuprofile`);
    // Renamed into place, so whoever waits for the file never reads half of it.
    writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
    renameSync(`${file}.tmp`, file);
  });
});
