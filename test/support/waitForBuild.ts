// Setup file of the 'built' project: a suite that starts the compiled bot waits until the build that
// buildOnce started has finished, and fails with the compiler's output when it did not succeed.
import { existsSync, readFileSync } from 'node:fs';
import { BUILD_RESULT } from './buildOnce';

const BUILD_LIMIT_MS = 120_000;

async function waitForBuild(): Promise<void> {
  const started = Date.now();
  while (!existsSync(BUILD_RESULT)) {
    if (Date.now() - started > BUILD_LIMIT_MS) throw new Error('The build for the tests that start the compiled bot did not finish in two minutes.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { code, output } = JSON.parse(readFileSync(BUILD_RESULT, 'utf8')) as { code: number | null; output: string };
  if (code !== 0) throw new Error(`The build failed, so the tests that start the compiled bot cannot run:\n${output}`);
}

await waitForBuild();
