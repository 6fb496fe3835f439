// The bot runs with the same V8 flags wherever it runs: `npm start`, the App Service command line, and the
// bench (which reads them from package.json). A heap cap lets V8 collect before the heap grows fourfold, which
// keeps a 5,000-app alert cycle inside echo-bot memory + 60 MiB (README, Performance).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const flags = (command: string) => command.split(/\s+/).filter((arg) => arg.startsWith('--'));

describe('deployment', () => {
  it('starts the bot with the same V8 flags in npm start and on the App Service', () => {
    const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start as string;
    const bicep = readFileSync(join(root, 'infra', 'azure.bicep'), 'utf8');
    const appCommandLine = /appCommandLine:\s*'([^']+)'/.exec(bicep)?.[1] ?? '';
    expect(flags(start)).toContain('--max-old-space-size=512');
    expect(flags(appCommandLine)).toEqual(flags(start));
    expect(appCommandLine).toMatch(/dist\/src\/index\.js$/);
  });
});
