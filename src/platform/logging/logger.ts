import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config-types.js';

export type { Logger };

/**
 * Structured JSON logs. Message texts, names and tokens never belong in a log line (GDPR): log ids,
 * counts and event kinds. The redaction list is a safety net for mistakes, not the plan.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'kosi-bot' },
      redact: {
        paths: [
          'text',
          '*.text',
          'name',
          '*.name',
          'from.name',
          '*.from.name',
          'token',
          '*.token',
          'secret',
          '*.secret',
          'req.headers.authorization',
          'req.headers["x-telegram-bot-api-secret-token"]',
          'req.headers.cookie',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
