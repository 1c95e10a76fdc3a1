/**
 * Structured logs (pino, JSON lines). Names, e-mail addresses and free text about a school are
 * personal data: they are redacted wherever they appear under these keys.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

const personalFields = ['name', 'email', 'report', 'notes', 'reason', 'participants', 'members', 'sections', 'password', 'token'];

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', name = 'koers'): Logger {
  return pino({
    name,
    level,
    redact: {
      // Top-level `name` is the logger's own name, so only nested names are personal.
      paths: [...personalFields.filter((field) => field !== 'name'), ...personalFields.map((field) => `*.${field}`)],
      censor: '[redacted]',
    },
  });
}
