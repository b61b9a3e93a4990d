import { ConsoleLogger, LogLevel, Logger } from '@nestjs/common';

/** E.164 numbers as this platform writes them: + and 8 to 15 digits. */
const PHONE = /\+\d{8,15}\b/g;

/** A phone as logs may show it: the country prefix and the last two digits, e.g. +225********01. */
export function maskPhones(text: string): string {
  return text.replace(PHONE, (phone) => `${phone.slice(0, 4)}${'*'.repeat(phone.length - 6)}${phone.slice(-2)}`);
}

/**
 * Nest's console logger with phone numbers masked in every line: a message, an error's text or
 * an aggregate id may carry a customer's phone, and logs are read far more widely than the data.
 */
export class MaskingConsoleLogger extends ConsoleLogger {
  protected override stringifyMessage(message: unknown, logLevel: LogLevel): unknown {
    const text: unknown = super.stringifyMessage(message, logLevel);
    return typeof text === 'string' ? maskPhones(text) : text;
  }
}

/** Every Nest logger of this process writes through MaskingConsoleLogger, at `levels`. */
export function installMaskingLogger(levels: readonly LogLevel[]): void {
  Logger.overrideLogger(new MaskingConsoleLogger({ logLevels: [...levels] }));
}
