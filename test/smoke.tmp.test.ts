import { it } from 'vitest';
import { startTestBot, TENANTS } from './support/testBot';
import { cardText, cardsOf } from './support/cards';
it('smoke', async () => {
  const t = await startTestBot();
  for (const q of ['why was megan bowen not provisioned to github', 'why was megan bowen skipped', 'why was Zebulon Quixote skipped', 'is ServiceNew in quarantine?']) {
    const r = await t.ask(q);
    console.log('=== ' + q + '\n' + cardsOf(r).map(cardText).join('\n---\n').slice(0, 2500));
  }
  await t.close();
});
