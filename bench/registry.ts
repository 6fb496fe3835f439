// Every figure `npm run bench` measures, in the order printed. A new figure: one module in bench/figures/
// and one line here.
import type { Figure } from './figure';
import { buttons } from './figures/buttons';
import { logReadsFigure } from './figures/logReads';
import { overview } from './figures/overview';
import { parseTime } from './figures/parseTime';
import { pollCycles } from './figures/pollCycles';
import { roundTrips } from './figures/roundTrips';
import { start } from './figures/start';
import { throttled } from './figures/throttled';
import { turns } from './figures/turns';

export const FIGURES: Figure[] = [
  turns,
  roundTrips,
  overview,
  buttons,
  parseTime,
  throttled,
  logReadsFigure,
  pollCycles,
  start,
];
