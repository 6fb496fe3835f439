// The phrase table over each demo tenant's own names: every phrasing must be read as the topic, command or
// follow-up it is, with the app and the person right. Prints the accuracy per topic and form, fails below
// 97 % on any, and (with UPDATE_README=1) writes the figures into the README's "How to ask" section.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Intent } from '../src/domain/types';
import { foldText } from '../src/understand/fuzzy';
import { understand } from '../src/understand/understand';
import { phrases, sampleTenant, type Phrase } from './support/phrases';
import { TENANTS } from './support/testBot';

const same = (a: string | undefined, b: string | undefined) => foldText(a ?? '') === foldText(b ?? '');

/** Why `intent` is not what `p` means, or '' when it is. */
function mismatch(p: Phrase, intent: Intent): string {
  if (p.offTopic) return intent.offTopic ? '' : 'not off-topic';
  if (p.guessed) return intent.guessed && !intent.offTopic ? '' : 'understood something';
  if (p.followUp) {
    if (intent.followUp?.kind !== p.followUp) return `follow-up ${intent.followUp?.kind}`;
    if (p.app && !same(intent.app, p.app)) return `app ${intent.app}`;
    if (p.followUpName && !(intent.followUp.kind === 'other-name' && same(intent.followUp.name, p.followUpName))) return 'name';
    return '';
  }
  if (p.command) {
    if (intent.command?.verb !== p.command || intent.command.restartOption !== p.restartOption) return `command ${JSON.stringify(intent.command)}`;
  } else if (intent.command) return `command ${intent.command.verb}`;
  else if (intent.topic !== p.topic || intent.guessed) return `topic ${intent.topic}${intent.guessed ? ' (guessed)' : ''}`;
  if (!same(intent.app, p.app)) return `app ${intent.app}`;
  if (!same(intent.principal, p.principal)) return `principal ${intent.principal}`;
  // "the last 24 hours" and "in the last 24 hours" name the same window.
  if (p.window && intent.window?.label.replace(/^in /, '') !== p.window) return `window ${intent.window?.label}`;
  return '';
}

interface Score {
  right: number;
  total: number;
  misses: string[];
}

function score(tenantFile: string): { table: Map<string, Score>; count: number } {
  const tenant = sampleTenant(tenantFile);
  const names = { apps: tenant.apps };
  const table = new Map<string, Score>();
  const list = phrases(tenant);
  for (const p of list) {
    const s = table.get(p.form) ?? { right: 0, total: 0, misses: [] };
    const why = mismatch(p, understand(p.text, names));
    s.total++;
    if (why) s.misses.push(`${p.text} → ${why}`);
    else s.right++;
    table.set(p.form, s);
  }
  return { table, count: list.length };
}

const percent = (s: Score) => (100 * s.right) / s.total;

const results = Object.entries(TENANTS).map(([name, file]) => ({ name, ...score(file) }));

/** The README block: phrasings and accuracy per topic and form, over every demo tenant. */
function readmeBlock(): string {
  const forms = new Map<string, Score>();
  for (const r of results) for (const [form, s] of r.table) {
    const all = forms.get(form) ?? { right: 0, total: 0, misses: [] };
    forms.set(form, { right: all.right + s.right, total: all.total + s.total, misses: [] });
  }
  const total = results.reduce((n, r) => n + r.count, 0);
  const rows = [...forms].sort(([a], [b]) => a.localeCompare(b)).map(([form, s]) => `| ${form} | ${s.total} | ${percent(s).toFixed(1)} % |`);
  return [
    `<!-- phrase-accuracy:start (written by \`UPDATE_README=1 npx vitest run test/phrases.test.ts\`) -->`,
    `${total} phrasings over the demo tenants (${results.map((r) => r.name).join(', ')}), read offline by \`understand\`:`,
    '',
    '| topic or form | phrasings | understood |',
    '|---|---|---|',
    ...rows,
    '<!-- phrase-accuracy:end -->',
  ].join('\n');
}

describe('the phrase table', () => {
  it('has at least 600 phrasings on each demo tenant', () => {
    for (const r of results) expect(r.count, r.name).toBeGreaterThanOrEqual(600);
  });

  describe.each(results)('on the $name tenant', ({ table }) => {
    it('understands at least 97 % of the phrasings of every topic and form', () => {
      const report = [...table].map(([form, s]) => `${form.padEnd(32)} ${String(s.right).padStart(4)}/${String(s.total).padEnd(4)} ${percent(s).toFixed(1)} %`);
      const misses = [...table.values()].flatMap((s) => s.misses);
      console.log([...report, ...(misses.length ? ['missed:', ...misses] : [])].join('\n'));
      for (const [form, s] of table) expect(percent(s), `${form}:\n${s.misses.join('\n')}`).toBeGreaterThanOrEqual(97);
    });
  });

  it('matches the figures in the README', () => {
    const readme = join(__dirname, '..', 'README.md');
    const text = readFileSync(readme, 'utf8');
    const block = readmeBlock();
    const current = /<!-- phrase-accuracy:start[\s\S]*?<!-- phrase-accuracy:end -->/.exec(text)?.[0];
    if (process.env.UPDATE_README === '1') {
      writeFileSync(readme, current ? text.replace(current, block) : `${text.trimEnd()}\n\n${block}\n`);
      return;
    }
    expect(current, 'run UPDATE_README=1 npx vitest run test/phrases.test.ts').toBe(block);
  });
});
