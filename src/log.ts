// Structured logs (pino). Secrets never reach them: known secret fields are censored by path, and every
// message string is scrubbed of bearer tokens, JWTs, client secrets and connection-string keys.
import pino from 'pino';
import type PinoPretty from 'pino-pretty';

export type Logger = pino.Logger;

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, '$1[redacted]'],
  [/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  [/((?:AccountKey|SharedAccessSignature|sig|client_secret|password|secret)\s*[=:]\s*)[^;&\s"']+/gi, '$1[redacted]'],
];

/** Removes anything that looks like a credential from free text. */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/**
 * Where logs go when the caller names no destination: one readable line per entry in a terminal (`npm start`),
 * JSON lines otherwise (App Service, CI, anything that collects logs).
 */
function defaultDestination(): pino.DestinationStream | undefined {
  if (!process.stdout.isTTY) return undefined;
  // Loaded only for a terminal: every other start (tests, services) skips its load time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pinoPretty = require('pino-pretty') as typeof PinoPretty;
  return pinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true });
}

/** `level` comes from the validated configuration (LOG_LEVEL in config.ts); the logger reads no environment itself. */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: {
        paths: [
          '*.authorization',
          '*.Authorization',
          'headers.authorization',
          '*.token',
          '*.accessToken',
          '*.password',
          '*.clientSecret',
          '*.connectionString',
          'config.botPassword',
          'config.storageConnectionString',
        ],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      formatters: {
        log(object) {
          const err = object.err as { message?: string; stack?: string } | undefined;
          if (err && typeof err === 'object') {
            return { ...object, err: { ...err, message: redactSecrets(String(err.message ?? '')), stack: redactSecrets(String(err.stack ?? '')) } };
          }
          return object;
        },
      },
    },
    options.destination ?? defaultDestination(),
  );
}

/**
 * A child logger made on first use: most turns log nothing of their own, and making a pino child (its
 * bindings serialized through the redaction) on every turn cost more than the turn's own logging.
 */
export function lazyChild(parent: Logger, bindings: pino.Bindings): Logger {
  let child: Logger | undefined;
  const real = () => (child ??= parent.child(bindings));
  return new Proxy({} as Logger, {
    get: (_target, property) => {
      const value = Reflect.get(real(), property);
      return typeof value === 'function' ? value.bind(real()) : value;
    },
    set: (_target, property, value) => Reflect.set(real(), property, value),
    has: (_target, property) => Reflect.has(real(), property),
  });
}
