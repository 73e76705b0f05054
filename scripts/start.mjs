#!/usr/bin/env node
// `npm start` on a fresh clone: install dependencies if they are missing, build if the sources changed,
// then run every role in one process. With no KAFKA_BROKERS or DATABASE_URL that is the embedded default.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entry = join(root, 'dist/apps/switchboard/main.js');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'generated' || name === 'node_modules') continue;
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(path) : stat.mtimeMs);
  }
  return newest;
}

if (!existsSync(join(root, 'node_modules/.package-lock.json'))) {
  console.log('[start] installing dependencies (first run)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
if (!existsSync(join(root, 'libs/persistence/src/generated/prisma/client.ts')))
  run('npm', ['run', 'prisma:generate']);
const sourcesChanged = Math.max(newestMtime(join(root, 'apps')), newestMtime(join(root, 'libs')));
if (!existsSync(entry) || statSync(entry).mtimeMs < sourcesChanged) {
  console.log('[start] building');
  run('npx', ['nest', 'build', 'switchboard']);
}
// The web console (apps/console), served by the gateway at `/`.
const consoleIndex = join(root, 'dist/console/index.html');
if (!existsSync(consoleIndex) || statSync(consoleIndex).mtimeMs < newestMtime(join(root, 'apps/console'))) {
  console.log('[start] building the console');
  run('npm', ['run', '-s', 'build:console']);
}

const child = spawn(process.execPath, ['--enable-source-maps', entry], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
