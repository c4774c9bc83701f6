/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Fields attached to a log line; values are masked before they are written. */
export type LogFields = Record<string, unknown>;

/** One logger per process, a child per module. Never give it document content. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(module: string): Logger;
}

/** Where formatted lines go (stderr, a file, a test's array). */
export type LogSink = (line: string) => void;

const FAX_NUMBER = /\+?\d[\d\s().-]{6,}\d/g;
const SECRET_KEYS = /token|password|secret|authorization|key/i;

/** Masks all but the last two digits of anything shaped like a phone number. */
export function maskFaxNumbers(text: string): string {
  return text.replace(FAX_NUMBER, (match) => {
    const digits = match.replace(/\D/g, '');
    return `${match.startsWith('+') ? '+' : ''}${'•'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
  });
}

function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_KEYS.test(key)) out[key] = '[redacted]';
    else if (typeof value === 'string') out[key] = maskFaxNumbers(value);
    else out[key] = value;
  }
  return out;
}

/** Creates a JSON-lines logger; secrets are redacted by key and fax numbers masked. */
export function createLogger(sink: LogSink, module = 'main', minLevel: LogLevel = 'info'): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  const write = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (order[level] < order[minLevel]) return;
    sink(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        module,
        message: maskFaxNumbers(message),
        ...redact(fields),
      }),
    );
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (name) => createLogger(sink, `${module}.${name}`, minLevel),
  };
}
