import { defineConfig } from 'vitest/config';

/** The suites that run the compiled bot (or its modules) in a process of their own: they need dist/. */
const NEED_BUILD = ['test/start.test.ts', 'test/signIn.test.ts', 'test/crashMidRemedy.test.ts', 'test/obo.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: one worker each.
    maxWorkers: 2,
    // In CI, the slowest tests and files after the run: where to look when the suite creeps past 60 s.
    reporters: process.env.CI ? ['default', './test/support/slowestTests.ts'] : ['default'],
    projects: [
      // Files share a worker's loaded modules instead of loading the SDKs again for every file (most of the
      // suite's time was module loading). Each file starts its own servers on fresh ports and directories.
      { extends: true, test: { name: 'specs', include: ['src/**/*.spec.ts'], isolate: false } },
      { extends: true, test: { name: 'http', include: ['test/**/*.test.ts'], exclude: NEED_BUILD, isolate: false } },
      // Its own project so that the build (globalSetup) runs only when one of these files is in the run; it
      // builds alongside the other projects' tests, and each of these files waits for it (setupFiles).
      { extends: true, test: { name: 'built', include: NEED_BUILD, globalSetup: ['test/support/buildOnce.ts'], setupFiles: ['test/support/waitForBuild.ts'] } },
    ],
  },
});
