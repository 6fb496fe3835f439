// restify 11 reaches Node's internal HTTP parser through `http-deceiver` (a dependency of `spdy`), which makes
// Node print DEP0111 ("Access to process.binding('http_parser') is deprecated") at every start. It is not
// ours to fix and says nothing an operator can act on, so that one warning is dropped; every other warning,
// deprecations included, is printed as usual. Imported by server/httpServer.ts before restify: when only the
// entry point imported it, tests (which start the bot without the entry point) still printed the warning.
const emit = process.emitWarning.bind(process);

process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const options = rest[0];
  const code = typeof options === 'object' && options !== null ? (options as { code?: string }).code : rest[1];
  if (code === 'DEP0111') return;
  (emit as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;
