// `npm run bench`: every figure in bench/registry.ts, then one summary table side by side (each figure as a
// ratio against the echo bot or its limit). `-- --only id,id` runs some; `-- --readme` writes the summary and
// each figure's table into README.md's `<!-- bench:<id> -->` blocks (those that exist).
import type { FigureResult, SummaryRow } from './figure';
import { FIGURES } from './registry';
import { hasReadmeBlock, writeReadme } from './support';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function summaryTable(rows: SummaryRow[]): string[] {
  const verdict = (ok?: boolean) => (ok === undefined ? '' : ok ? 'yes' : '**no**');
  return [
    '| measure | value | against | ratio | target met |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.against} | ${r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`} | ${verdict(r.ok)} |`),
  ];
}

async function main(): Promise<void> {
  const only = option('--only')?.split(',');
  const readme = process.argv.includes('--readme');
  const figures = FIGURES.filter((f) => !only || only.includes(f.id));
  console.log(`Benchmark on Node ${process.version}, ${new Date().toISOString()}`);
  const summary: SummaryRow[] = [];
  const results = new Map<string, FigureResult>();
  for (const figure of figures) {
    const result = await figure.run();
    results.set(figure.id, result);
    summary.push(...result.summary);
    console.log(`\n${figure.title}:\n\n${result.table.join('\n')}`);
  }
  const table = summaryTable(summary);
  console.log(`\nSummary:\n\n${table.join('\n')}`);
  if (!readme) return;
  for (const [id, result] of results) if (hasReadmeBlock(id)) writeReadme(id, result.table);
  if (!only && hasReadmeBlock('summary')) writeReadme('summary', table);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
