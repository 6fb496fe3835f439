// `npm start`: builds only when dist/ is older than a source file (plain JavaScript, so it runs before any
// build), then runs the bot in this same process. A built bot reaches its port in about the time node takes
// to load it; the first start pays one tsc build.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { distUpToDate, markBuilt, ENTRY } = require('./distUpToDate.cjs');

const root = join(__dirname, '..');

if (!distUpToDate()) {
  console.error('Building (dist/ is older than the sources)…');
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  } catch {
    process.exit(1);
  }
  markBuilt();
}
require(ENTRY);
