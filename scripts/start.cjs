// `npm start`: builds only when dist/ is older than a source file (plain JavaScript, so it runs before any
// build), then runs the bot in this same process. A built bot reaches its port in about the time node takes
// to load it. The first start transpiles each file on its own (TypeScript's transpileModule, what
// isolatedModules in tsconfig.json makes safe): the same JavaScript as tsc, in a fraction of the time, since
// the type check is `npm run build`'s and `npm test`'s job, not a start's.
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const { distUpToDate, markBuilt, ENTRY } = require('./distUpToDate.cjs');

const root = join(__dirname, '..');

function transpile() {
  const ts = require('typescript');
  const configFile = join(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options, fileNames, errors } = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
  if (errors.length) throw new Error(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'));
  for (const fileName of fileNames) {
    const out = join(options.outDir, relative(options.rootDir, fileName)).replace(/\.ts$/, '.js');
    const { outputText, sourceMapText } = ts.transpileModule(readFileSync(fileName, 'utf8'), { compilerOptions: options, fileName: relative(dirname(out), fileName) });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
    if (sourceMapText) writeFileSync(`${out}.map`, sourceMapText);
  }
}

if (!distUpToDate()) {
  console.error('Building (dist/ is older than the sources)…');
  try {
    transpile();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  markBuilt();
}
require(ENTRY);
