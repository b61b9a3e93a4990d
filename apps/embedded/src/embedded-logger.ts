import { createPlatformLogger, installPlatformLogger, logLevelFrom } from '@cashout/platform';
import pretty from 'pino-pretty';

/**
 * `npm start`'s logger: the platform's (same fields, same redaction and masking), printed for
 * a person to read by pino-pretty; LOG_FORMAT=json writes the JSON lines of the distributed
 * processes instead. The line per handled message stays at debug (the platform's default
 * outside service processes): a cash-out is a dozen messages, which at info would bury
 * everything else.
 */
export function installEmbeddedLogger(env: Record<string, string | undefined>): void {
  const json = env.LOG_FORMAT === 'json';
  const destination = json
    ? undefined
    : pretty({
        colorize: process.stdout.isTTY && env.NO_COLOR === undefined,
        translateTime: 'SYS:HH:MM:ss.l',
        // One line each: the component in brackets, the other fields after the message.
        ignore: 'pid,hostname,instance,service,context',
        messageFormat: '{if context}[{context}] {end}{msg}',
        singleLine: true,
        sync: true,
      });
  installPlatformLogger(createPlatformLogger({ service: 'embedded', level: logLevelFrom(env.LOG_LEVEL), instance: env.INSTANCE_ID, destination }));
}
