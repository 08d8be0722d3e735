import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/service-config';
import { currentRequestId } from './request-context';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  serviceId: string;
  version: string;
  level: LogLevel;
  /** Default: stdout through an asynchronous sonic-boom (call `flushLogger` before exiting). */
  destination?: DestinationStream;
}

/**
 * JSON logs, one object per line: `level` as a word, ISO `time`, `service`, `version`,
 * and `requestId` whenever the line is written while serving a request.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: false });
  return pino(
    {
      level: options.level,
      base: { service: options.serviceId, version: options.version },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const requestId = currentRequestId();
        return requestId === undefined ? {} : { requestId };
      },
    },
    destination,
  );
}

/** Writes out buffered lines; resolves even if the destination cannot flush. */
export function flushLogger(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    try {
      logger.flush(() => resolve());
    } catch {
      resolve();
    }
  });
}
