// What every bench figure returns: its own detailed table, and the rows it contributes to the one summary
// table (`npm run bench` prints it first). Each figure is one module in bench/figures/, listed in
// bench/registry.ts, so adding a figure touches one line of shared code.

/** One line of the summary: what was measured, against what, and whether it meets the target. */
export interface SummaryRow {
  measure: string;
  /** The figure as measured, with its unit. */
  value: string;
  /** What it is compared with: the echo bot, a limit, a target ("≤ 3× echo"). */
  against: string;
  /** value ÷ the reference, when the comparison is a ratio. */
  ratio?: number;
  /** Whether the target is met; undefined when the row has no target. */
  ok?: boolean;
}

export interface FigureResult {
  /** Markdown table lines. */
  table: string[];
  summary: SummaryRow[];
}

export interface Figure {
  /** `npm run bench -- --only <id>`; also the README marker `<!-- bench:<id> -->` it may be written into. */
  id: string;
  title: string;
  run(): Promise<FigureResult>;
}
