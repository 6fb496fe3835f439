// A vitest reporter that prints the slowest tests and files after the run (on in CI, see vitest.config.ts):
// the first place to look when `npm test` creeps toward its 60 s budget.
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const SHOWN = 10;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;

export default class SlowestTests implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const file = (m: TestModule) => relative(process.cwd(), m.moduleId);
    const tests = testModules.flatMap((m) => [...m.children.allTests()].map((t) => ({ name: `${file(m)} > ${t.fullName}`, ms: t.diagnostic()?.duration ?? 0 })));
    const files = testModules.map((m) => ({ name: file(m), ms: m.diagnostic().duration }));
    const top = (rows: Array<{ name: string; ms: number }>) => [...rows].sort((a, b) => b.ms - a.ms).slice(0, SHOWN).map((r) => `  ${seconds(r.ms)}  ${r.name}`);
    console.log([`\nSlowest ${SHOWN} tests:`, ...top(tests), `Slowest ${SHOWN} files (tests and hooks):`, ...top(files)].join('\n'));
  }
}
