// Whether dist/ holds a build of the current sources (plain JavaScript, so it runs before any build): `npm start`
// (start.cjs) and the tests that start the compiled bot (test/support/buildOnce.ts) run tsc only when it does
// not. The stamp is written after a build that emitted; tsc's own build info is no proof, since
// `tsc --noEmit` (npm run typecheck) rewrites it too without emitting anything.
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
/**
 * What tsconfig.json compiles (test/fixtures: the demo generator imports the published Graph samples from
 * there), and the settings that change the output.
 */
const INPUTS = ['src', 'bench', 'scripts', 'test/fixtures', 'tsconfig.json', 'package-lock.json'];
const STAMP = join(root, 'dist', '.build-stamp');
const ENTRY = join(root, 'dist', 'src', 'index.js');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.ts') || path.endsWith('.json') ? stat.mtimeMs : 0;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0);
}

function distUpToDate() {
  if (!existsSync(ENTRY) || !existsSync(STAMP)) return false;
  const built = statSync(STAMP).mtimeMs;
  return INPUTS.every((input) => !existsSync(join(root, input)) || newest(join(root, input)) <= built);
}

/** After a successful tsc build. */
function markBuilt() {
  writeFileSync(STAMP, new Date().toISOString());
}

module.exports = { distUpToDate, markBuilt, ENTRY };
