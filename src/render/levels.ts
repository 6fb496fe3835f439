// How much each card shows at each level of detail, richest first. renderFitting binds the first level whose
// card fits in Teams' size limit, so each card's last level is bounded whatever its input holds.
import { expandFitting, type AdaptiveCard } from './template';

const LEVELS = {
  // The last is small whatever the diagnosis holds (one finding, no remedy data). Two remedies: the fix is one
  // or two buttons.
  diagnosis: [
    { findings: 10, facts: 12, steps: 8, remedies: 2, chars: 1000 },
    { findings: 6, facts: 6, steps: 5, remedies: 2, chars: 400 },
    { findings: 3, facts: 3, steps: 3, remedies: 1, chars: 200 },
    { findings: 1, facts: 3, steps: 3, remedies: 0, chars: 120 },
  ],
  // The last has no buttons and bounded text. Confirm and Cancel come first, so they are the last buttons to go.
  confirmation: [
    { steps: 10, facts: 12, buttons: 6, chars: 1000 },
    { steps: 5, facts: 6, buttons: 4, chars: 300 },
    { steps: 3, facts: 3, buttons: 2, chars: 120 },
    { steps: 3, facts: 3, buttons: 0, chars: 120 },
  ],
  // The last has no buttons and bounded text.
  outcome: [
    { facts: 12, steps: 20, buttons: 5, chars: 1000 },
    { facts: 6, steps: 10, buttons: 5, chars: 300 },
    { facts: 3, steps: 5, buttons: 3, chars: 120 },
    { facts: 3, steps: 3, buttons: 0, chars: 120 },
  ],
  // The last holds no per-person data.
  list: [
    { groups: 4, names: 3, people: 10, chars: 200 },
    { groups: 3, names: 2, people: 5, chars: 120 },
    { groups: 2, names: 1, people: 0, chars: 80 },
  ],
  // The last shows a few short rows.
  audit: [
    { rows: 40, chars: 200 },
    { rows: 20, chars: 120 },
    { rows: 10, chars: 80 },
    { rows: 5, chars: 60 },
  ],
  problem: [
    { items: 10, chars: 1000 },
    { items: 5, chars: 300 },
    { items: 3, chars: 120 },
  ],
  // Option data is passed through untouched, so a card with huge data shows fewer buttons (the last shows none).
  choice: [{ buttons: 10 }, { buttons: 5 }, { buttons: 3 }, { buttons: 1 }, { buttons: 0 }],
  history: [{ chars: 200 }, { chars: 120 }, { chars: 60 }],
  // Rows behind Details: a schema rarely has more than the first level's; the portal shows the rest.
  mapping: [
    { chars: 200, detailRows: 30 },
    { chars: 120, detailRows: 15 },
    { chars: 60, detailRows: 5 },
  ],
};

type FittingCard = keyof typeof LEVELS;

/** One level of a card: how many of each thing it shows, and how long a text may be. */
export type Limits<N extends FittingCard> = (typeof LEVELS)[N][number];

/** The richest level of a card, e.g. for its text summary. */
export const richest = <N extends FittingCard>(name: N): Limits<N> => LEVELS[name][0];

/** The card `name` at the richest level that fits; `view` builds its view data for one level. */
export function renderFitting<N extends FittingCard>(name: N, view: (limits: Limits<N>) => object): AdaptiveCard {
  // Built one at a time: almost every card fits at its first level, so the leaner views are seldom needed.
  function* views() {
    for (const limits of LEVELS[name] as ReadonlyArray<Limits<N>>) yield view(limits);
  }
  return expandFitting(name, views());
}
