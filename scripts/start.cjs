// `npm start`: builds only when dist/ is older than a source file (plain JavaScript, so it runs before any
// build), then runs the bot in this same process. A built bot reaches its port in about the time node takes
// to load it. The first start transpiles each file on its own (TypeScript's transpileModule, what
// isolatedModules in tsconfig.json makes safe): the same JavaScript as tsc, in a fraction of the time, since
// the type check is `npm run build`'s and `npm test`'s job, not a start's.
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const { distUpToDate, markBuilt, ENTRY } = require('./distUpToDate.cjs');

const root = join(__dirname, '..');

function transpile() {
  const ts = require('typescript');
  const configFile = join(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options, fileNames, errors } = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
  if (errors.length) throw new Error(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'));
  // tsc's incremental build info would describe the files before this build: the next tsc would trust it.
  rmSync(options.tsBuildInfoFile ?? join(options.outDir, '.tsbuildinfo'), { force: true });
  // tsc also emits the files those import from outside `include` (a test fixture a script reads): followed here.
  const queue = fileNames.filter((f) => !f.endsWith('.d.ts'));
  const seen = new Set(queue);
  const problems = [];
  while (queue.length) {
    const fileName = queue.shift();
    const text = readFileSync(fileName, 'utf8');
    const out = join(options.outDir, relative(options.rootDir, fileName)).replace(/\.ts$/, '.js');
    // Named relative to the output, so the source map points where tsc's does.
    const { outputText, sourceMapText, diagnostics } = ts.transpileModule(text, { compilerOptions: options, fileName: relative(dirname(out), fileName), reportDiagnostics: true });
    // 6059 "not under rootDir" comes of that relative name, not of the file.
    for (const d of diagnostics ?? []) if (d.code !== 6059) problems.push(`${relative(root, fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
    if (sourceMapText) writeFileSync(`${out}.map`, sourceMapText);
    for (const { fileName: spec } of ts.preProcessFile(text, true, false).importedFiles) {
      if (!spec.startsWith('.')) continue;
      const imported = resolve(dirname(fileName), spec.endsWith('.ts') ? spec : `${spec}.ts`);
      if (!seen.has(imported) && existsSync(imported)) seen.add(imported) && queue.push(imported);
    }
  }
  // A syntax error would still give JavaScript, and a bot that fails later: stop here with what tsc would say.
  if (problems.length) throw new Error(problems.join('\n'));
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
