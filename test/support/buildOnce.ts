// vitest globalSetup: compile the bot once before any test file runs. Suites that start the compiled bot in
// its own process (as npm start does) need dist/, and building it from two parallel files would have one
// spawn node on files the other is still writing.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function buildOnce(): void {
  const root = join(__dirname, '..', '..');
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    throw new Error(`The build failed, so the tests that start the compiled bot cannot run:\n${String((error as { stdout?: unknown }).stdout ?? error)}`);
  }
}
