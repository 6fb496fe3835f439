// `npm start`: the bot in local mode on the built-in demo tenant, unless the environment says otherwise.
import { loadConfig } from './config';
import { BotError } from './errors';
import { createLogger } from './log';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof BotError ? error.message : error);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });
  try {
    // Loaded once the settings are valid: a refused configuration is reported without loading the bot's SDKs.
    const { startBot } = await import('./startBot');
    const bot = await startBot(config, logger);
    logger.info(
      { endpoint: `${bot.url}/api/messages`, graph: bot.demo ? 'built-in demo tenant' : bot.graphUrl },
      `Provisioning assistant is listening on ${bot.url}/api/messages — connect the Agents Playground or send activities with deliveryMode "expectReplies".`,
    );
    // In a terminal, the address on a line of its own, easy to spot and copy.
    if (process.stdout.isTTY) process.stdout.write(`\n    ${bot.url}/api/messages\n\n`);
    const stop = async () => {
      await bot.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    logger.fatal({ err: error }, code === 'EADDRINUSE' ? `Port ${config.port} is already in use: set PORT to another port.` : 'The bot could not start.');
    process.exit(1);
  }
}

void main();
