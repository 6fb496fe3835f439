// `npm run playground`: the bot in local mode on the built-in demo tenant, with the Microsoft 365 Agents
// Playground (a Teams-like web chat) connected to it. Both run as child processes and stop together: Ctrl+C,
// a kill of this script, or either of them exiting stops the other. Extra arguments go to the playground
// (`npm run playground -- --port 56151`). Without TEAMSAPPTESTER_BROWSER set, no browser is opened, so this
// also works on a headless machine: open the address the playground prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const port = Number(process.env.PORT ?? 3978);
const endpoint = `http://127.0.0.1:${port}`;

// Local mode whatever the shell says: no BOT_ID (no inbound authentication, loopback only) and no
// GRAPH_BASE_URL (the demo tenant serves Graph). DEMO_TENANT_FILE still picks another demo tenant.
const botEnv = { ...process.env, BOT_ID: '', GRAPH_BASE_URL: '', HOST: '127.0.0.1', PORT: String(port) };
const bot = spawn(process.execPath, [join(root, 'dist', 'src', 'index.js')], { cwd: root, env: botEnv, stdio: 'inherit' });
let playground: ChildProcess | undefined;
let stopping = false;

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of [playground, bot]) {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}

async function waitForBot(timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(`${endpoint}/healthz`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

async function main(): Promise<void> {
  bot.once('exit', (code) => stop(code ?? 1));
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));

  if (!(await waitForBot(30_000))) {
    if (!stopping) console.error(`The bot did not answer on ${endpoint}/healthz within 30 s.`);
    stop(1);
    return;
  }
  const cli = require.resolve('@microsoft/teams-app-test-tool/cli.js');
  const args = ['start', '-e', `${endpoint}/api/messages`, '-c', 'msteams', '--disable-telemetry', ...process.argv.slice(2)];
  playground = spawn(process.execPath, [cli, ...args], {
    cwd: root,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none' },
    stdio: 'inherit',
  });
  playground.once('exit', (code) => stop(code ?? 0));
}

void main();
