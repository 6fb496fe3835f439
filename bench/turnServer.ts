// One server per process for the turn figures, so the CPU counted is the server's alone (the client and the
// Graph stand-in run in the bench's process): `echo` (the baseline: a minimal botbuilder + teams-ai echo bot
// behind restify) or `bot <graphUrl>` (this bot). Prints its URL; answers the message "cpu" with its CPU time
// and "memory" with its process.memoryUsage().
import '../src/quietDeprecations';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import * as restify from 'restify';
import { createLogger } from '../src/log';
import { startBot } from '../src/startBot';
import { benchConfig } from './support';

async function startEchoBot(): Promise<string> {
  const adapter = new TeamsAdapter({});
  const app = new Application<TurnState>({ adapter, startTypingTimer: false, longRunningMessages: false });
  app.activity('message', async (context) => {
    await context.sendActivity(`You said: ${context.activity.text}`);
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res as never, (context) => app.run(context).then(() => undefined));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${server.address().port}`;
}

async function main(): Promise<void> {
  const [kind, graphUrl] = process.argv.slice(2);
  const url = kind === 'echo' ? await startEchoBot() : (await startBot(benchConfig(graphUrl), createLogger({ level: 'silent' }))).url;
  process.on('message', (m) => {
    if (m === 'cpu') process.send!(process.cpuUsage());
    if (m === 'memory') process.send!(process.memoryUsage());
    if (m === 'exit') process.exit(0);
  });
  process.send!({ url });
}

void main();
