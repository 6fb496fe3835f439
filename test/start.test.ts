// The bot as `npm start` runs it: the compiled entry point in its own process, no environment but what
// each case sets. Proves the quick start (demo tenant, no Azure) and the local-mode guard.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it as base } from 'vitest';
import { cardText, onlyCard } from './support/cards';
import type { Activity } from './support/testBot';

const root = join(__dirname, '..');
// dist/ is built once for the whole run by test/support/buildOnce.ts (vitest globalSetup).
const entry = join(root, 'dist', 'src', 'index.js');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

// Each case waits mostly for node to load the bot in a process of its own: the cases run side by side, each
// stopping the processes it started.
const it = base.extend<{ start: (env: Record<string, string>, script?: string) => Started }>({
  start: async ({}, use) => {
    const children: ChildProcess[] = [];
    await use((env, script = entry) => {
      const child = spawn(process.execPath, [script], {
        cwd: root,
        // Only PATH from the outside: the bot must need nothing else.
        env: { PATH: process.env.PATH ?? '', ...env },
      });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (d) => (output += d));
      child.stderr!.on('data', (d) => (output += d));
      return { child, output: () => output, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
    });
    for (const child of children) child.kill('SIGTERM');
  },
});

/** A copy of the checkout without dist/, node_modules linked in: this checkout's own dist/ is left alone. */
function checkoutWithoutDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'first-start-'));
  for (const name of readdirSync(root)) if (!['node_modules', 'dist', '.git', '.data', 'coverage'].includes(name)) cpSync(join(root, name), join(dir, name), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

async function endpointOf(output: () => string): Promise<string> {
  // Up to 30 s: on a loaded machine node itself can take 10 s to load the bot.
  for (let i = 0; i < 600; i++) {
    const match = output().match(/"endpoint":"(http:\/\/127\.0\.0\.1:\d+\/api\/messages)"/);
    if (match) return match[1];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the bot did not start:\n${output()}`);
}

async function ask(endpoint: string, text: string): Promise<Activity[]> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: '1',
      text,
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      deliveryMode: 'expectReplies',
      from: { id: '29:someone', name: 'Someone' },
      recipient: { id: '28:bot', name: 'Bot' },
      conversation: { id: 'a:1', conversationType: 'personal' },
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Activity[] }).activities;
}

describe.concurrent('npm start', () => {
  // One start serves both: npm start runs the built bot in the process of scripts/start.cjs.
  it('skips the build when dist/ is up to date (npm start runs scripts/start.cjs), and answers "why was jane skipped?" from the built-in demo tenant with no environment', async ({ start }) => {
    const bot = start({ PORT: '0' }, join(root, 'scripts', 'start.cjs'));
    const endpoint = await endpointOf(bot.output);
    const text = cardText(onlyCard(await ask(endpoint, 'why was jane skipped?')));
    expect(text).toContain('Jane Doe');
    expect(text).toContain('scoping filter');
    expect(cardText(onlyCard(await ask(endpoint, 'help')))).not.toBe('');
    expect(bot.output()).not.toContain('Building');
  });

  it('on a first start (a fresh clone: no dist/), transpiles the sources and answers from them', async ({ start }) => {
    const dir = checkoutWithoutDist();
    try {
      const bot = start({ PORT: '0', DEMO_TENANT_FILE: join(root, 'demo-tenants', 'fabrikam.json') }, join(dir, 'scripts', 'start.cjs'));
      const text = cardText(onlyCard(await ask(await endpointOf(bot.output), 'is dropbox in quarantine?')));
      expect(bot.output()).toContain('Building');
      expect(text).toContain('Dropbox Business provisioning is in quarantine');
      expect(existsSync(join(dir, 'dist', 'src', 'index.js'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The transpile, then node loading the bot: on a busy two-core machine more than the usual 30 s may pass.
  }, 60_000);

  it('on a first start with a syntax error in a source, says where and does not start', async ({ start }) => {
    const dir = checkoutWithoutDist();
    try {
      writeFileSync(join(dir, 'src', 'health.ts'), `${readFileSync(join(root, 'src', 'health.ts'), 'utf8')}\nexport const broken = ;\n`);
      const bot = start({ PORT: '0' }, join(dir, 'scripts', 'start.cjs'));
      expect(await bot.exited).toBe(1);
      expect(bot.output()).toContain('src/health.ts: Expression expected.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('serves another tenant file with DEMO_TENANT_FILE', async ({ start }) => {
    const bot = start({ PORT: '0', DEMO_TENANT_FILE: join(root, 'demo-tenants', 'fabrikam.json') });
    const text = cardText(onlyCard(await ask(await endpointOf(bot.output), 'is dropbox in quarantine?')));
    expect(text).toContain('Dropbox Business provisioning is in quarantine');
  });

  it('refuses to listen beyond loopback in local mode, with a clear message and a non-zero exit', async ({ start }) => {
    const bot = start({ HOST: '0.0.0.0' });
    expect(await bot.exited).not.toBe(0);
    expect(bot.output()).toContain('HOST=0.0.0.0 is not allowed in local mode');
  });

  it('says what is wrong with a bad setting instead of starting', async ({ start }) => {
    const bot = start({ PORT: 'eighty', GRAPH_BASE_URL: 'not a url' });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain('PORT');
    expect(bot.output()).toContain('GRAPH_BASE_URL');
  });

  it('refuses to start in production mode with incomplete settings, listing everything that is missing', async ({ start }) => {
    const bot = start({ BOT_ID: '11111111-2222-4333-8444-555555555555', BOT_PASSWORD: 'do-not-print-me~42', BOT_TYPE: 'UserAssignedMSI' });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain('BOT_TENANT_ID is missing');
    expect(bot.output()).toContain('BOT_PASSWORD and BOT_CERTIFICATE_* must not be set with BOT_TYPE UserAssignedMSI');
    expect(bot.output()).toContain('OAUTH_CONNECTION_NAME is missing');
    expect(bot.output()).not.toContain('do-not-print-me');
  });

  it('starts in production mode with complete settings and refuses an activity without a token', async ({ start }) => {
    const bot = start({
      BOT_ID: '11111111-2222-4333-8444-555555555555',
      BOT_PASSWORD: 'do-not-print-me~42',
      BOT_TENANT_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      OAUTH_CONNECTION_NAME: 'graph',
      HOST: '127.0.0.1',
      PORT: '0',
    });
    const endpoint = await endpointOf(bot.output);
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'help', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/amer/', conversation: { id: 'a:1' } }),
    });
    expect(res.status).toBe(401);
    expect(bot.output()).not.toContain('do-not-print-me');
  });

  it('says the port is taken instead of crashing with a stack', async ({ start }) => {
    // Any listener takes the port; a plain server spares the suite starting a first bot.
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as AddressInfo).port);
    try {
      const bot = start({ PORT: port });
      expect(await bot.exited).toBe(1);
      expect(bot.output()).toContain(`Port ${port} is already in use`);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});

describe('the freshness check npm start runs', () => {
  it('sees a change to the Graph samples the demo generator compiles from test/fixtures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fresh-'));
    try {
      for (const file of ['scripts/distUpToDate.cjs', 'src/health.ts', 'test/fixtures/graphSamples.ts', 'tsconfig.json']) cpSync(join(root, file), join(dir, file), { recursive: true });
      mkdirSync(join(dir, 'dist', 'src'), { recursive: true });
      writeFileSync(join(dir, 'dist', 'src', 'index.js'), '');
      const { distUpToDate, markBuilt } = (await import(join(dir, 'scripts', 'distUpToDate.cjs'))) as { distUpToDate(): boolean; markBuilt(): void };
      markBuilt();
      const later = new Date(Date.now() + 5_000);
      expect(distUpToDate()).toBe(true);
      utimesSync(join(dir, 'test', 'fixtures', 'graphSamples.ts'), later, later);
      expect(distUpToDate()).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
