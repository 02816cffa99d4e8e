import { pino, type Logger } from 'pino';

/** The server's logger: JSON lines on stdout, secrets never written. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'wede' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.key', '*.secret'],
      censor: '[redacted]',
    },
  });
}
