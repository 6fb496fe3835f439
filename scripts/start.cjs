// `npm start`: builds only when dist/ is older than a source file (plain JavaScript, so it runs before any
// build), then runs the bot in this same process. A built bot reaches its port in about the time node takes
// to load it; the first start pays one tsc build.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
/** What tsconfig.json compiles, and the settings that change the output. */
const INPUTS = ['src', 'bench', 'scripts', 'tsconfig.json', 'package-lock.json'];
/** Written after a build here; tsc's own build info counts too (the tests build with tsc directly). */
const STAMPS = [join(root, 'dist', '.start-stamp'), join(root, 'dist', '.tsbuildinfo')];
const ENTRY = join(root, 'dist', 'src', 'index.js');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.ts') || path.endsWith('.json') ? stat.mtimeMs : 0;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0);
}

function upToDate() {
  if (!existsSync(ENTRY)) return false;
  const built = Math.max(...STAMPS.map((s) => (existsSync(s) ? statSync(s).mtimeMs : 0)));
  return INPUTS.every((input) => !existsSync(join(root, input)) || newest(join(root, input)) <= built);
}

if (!upToDate()) {
  console.error('Building (dist/ is older than the sources)…');
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  } catch {
    process.exit(1);
  }
  writeFileSync(STAMPS[0], new Date().toISOString());
}
require(ENTRY);
