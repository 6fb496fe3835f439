import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The suites that run the compiled bot (or its modules) in a process of their own: they need dist/. Longest first. */
const NEED_BUILD = ['test/crashMidRemedy.test.ts', 'test/start.test.ts', 'test/signIn.test.ts', 'test/obo.test.ts'];

/**
 * The order the files are handed to the two workers: the end-to-end files of test/ (the longest) first, the
 * short co-located specs next, where they even out the two workers' loads, and the built suites last: by then
 * the build that started alongside the first files is done, so no worker sits waiting for it (vitest's own
 * order, by project name, put them first, and both workers waited), in the order of NEED_BUILD. Otherwise
 * vitest's order: the longest first by the last run's durations, or the largest files first.
 */
function rank(file: TestSpecification): number {
  const path = relative(file.project.config.root, file.moduleId);
  if (file.project.name === 'built') return 2 + NEED_BUILD.indexOf(path) / NEED_BUILD.length;
  return path.startsWith('test') ? 0 : 1;
}

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: one worker each.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    // Transformed modules are kept on disk between runs: one file run alone skips most of its start-up.
    experimental: { fsModuleCache: true },
    // In CI, the slowest tests and files after the run: where to look when the suite creeps past 60 s.
    reporters: process.env.CI ? ['default', './test/support/slowestTests.ts'] : ['default'],
    projects: [
      // The specs and the end-to-end tests of test/ that run the bot in this process share the workers' loaded
      // modules instead of loading the SDKs again for every file (most of the suite's time was module loading),
      // and one project lets a worker go on from one file to the next without starting afresh. Each file starts
      // its own servers on fresh ports and directories.
      { extends: true, test: { name: 'in-process', include: ['src/**/*.spec.ts', 'test/**/*.test.ts'], exclude: NEED_BUILD, isolate: false } },
      // Its own project so that the build (globalSetup) runs only when one of these files is in the run; it
      // builds alongside the other files, and each of these files waits for it (setupFiles). They start the
      // bot in processes of their own, so they too can share a worker's modules.
      { extends: true, test: { name: 'built', include: NEED_BUILD, isolate: false, globalSetup: ['test/support/buildOnce.ts'], setupFiles: ['test/support/waitForBuild.ts'] } },
    ],
  },
});
