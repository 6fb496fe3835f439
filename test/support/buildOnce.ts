// vitest globalSetup of the 'built' project: compile the bot once for the suites that start it in a process of
// its own (as npm start does), unless dist/ already holds a build of the current sources (the same check as
// npm start's). The build runs alongside the other projects' tests rather than before them (it is several
// seconds of a two-core machine); each built suite waits for it in `waitForBuild` (its setup file).
// Building from two parallel files would have one spawn node on files the other is still writing.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const { distUpToDate, markBuilt } = createRequire(__filename)('../../scripts/distUpToDate.cjs') as { distUpToDate(): boolean; markBuilt(): void };
/** Where the build says how it ended: `{ code, output }`. */
export const BUILD_RESULT = join(root, 'dist', '.test-build.json');

export default function buildOnce(): () => Promise<void> {
  mkdirSync(join(root, 'dist'), { recursive: true });
  rmSync(BUILD_RESULT, { force: true });
  if (distUpToDate()) {
    writeFileSync(BUILD_RESULT, JSON.stringify({ code: 0, output: 'dist/ is up to date' }));
    return async () => undefined;
  }
  const tsc = spawn(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  tsc.stdout.on('data', (chunk) => (output += chunk));
  tsc.stderr.on('data', (chunk) => (output += chunk));
  const done = new Promise<void>((resolve) => {
    tsc.on('close', (code) => {
      if (code === 0) markBuilt();
      writeFileSync(BUILD_RESULT, JSON.stringify({ code, output: output.slice(-20_000) }));
      resolve();
    });
  });
  // Teardown: never leave a compiler running after the tests.
  return () => done;
}
