export const OTP_MASK = '******';

/** Minor-unit exponent per ISO 4217 code; the CFA francs have none. */
const MINOR_DIGITS: Readonly<Record<string, number>> = { XOF: 0, XAF: 0, GNF: 0, JPY: 0, KRW: 0 };

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** Formats integer minor units without ever going through a float: 150000 XOF → "150 000 XOF". */
export function formatMoney(minorUnits: number, currency: string): string {
  const exponent = MINOR_DIGITS[currency] ?? 2;
  const sign = minorUnits < 0 ? '-' : '';
  const digits = String(Math.abs(minorUnits)).padStart(exponent + 1, '0');
  const major = digits.slice(0, digits.length - exponent);
  const minor = digits.slice(digits.length - exponent);
  return `${sign}${group(major)}${exponent > 0 ? `.${minor}` : ''} ${currency}`;
}

/** The OTP text; called with the mask to build what production records keep. */
export function otpText(code: string, expiresAt: string): string {
  return `Your cash-out code is ${code}. It expires at ${expiresAt}. Never share it, not even with the agent's staff.`;
}

export interface CashOutOutcomeFacts {
  outcome: 'SUCCEEDED' | 'FAILED';
  amount: number;
  fee: number;
  currency: string;
  referenceId: string;
  newBalance?: number;
  reason?: string;
}

export function cashOutOutcomeText(facts: CashOutOutcomeFacts): string {
  const amount = formatMoney(facts.amount, facts.currency);
  if (facts.outcome === 'SUCCEEDED') {
    const fee = formatMoney(facts.fee, facts.currency);
    const balance = facts.newBalance === undefined ? '' : ` New balance: ${formatMoney(facts.newBalance, facts.currency)}.`;
    return `Cash-out of ${amount} succeeded. Fee: ${fee}. Reference: ${facts.referenceId}.${balance}`;
  }
  const reason = facts.reason ? ` Reason: ${facts.reason}.` : '';
  return `Cash-out of ${amount} (reference ${facts.referenceId}) failed.${reason} Your wallet was not debited.`;
}

export interface AccessChangeFacts {
  change: 'LOCKED' | 'UNLOCKED';
  /** When a timed lock ends (ISO 8601); absent when only staff can lift it. */
  lockedUntil?: string;
  /** When the access changed (ISO 8601): the unlock time names its day only when it differs. */
  changedAt: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const twoDigits = (n: number) => String(n).padStart(2, '0');
const utcDay = (date: Date) => `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;

/** "14:35 UTC", or "14:35 UTC on 16 Jan 2026" when not on the day of `from`; undefined if unreadable. */
export function readableUtcTime(iso: string, from: string): string | undefined {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return undefined;
  const time = `${twoDigits(at.getUTCHours())}:${twoDigits(at.getUTCMinutes())} UTC`;
  const start = new Date(from);
  return !Number.isNaN(start.getTime()) && utcDay(start) === utcDay(at) ? time : `${time} on ${utcDay(at)}`;
}

/** The notice of a PIN lock or of its lifting; it names no PIN, code or secret. */
export function accessChangeText(facts: AccessChangeFacts): string {
  if (facts.change === 'UNLOCKED') return 'Your PIN lock was lifted by staff. Sign in again.';
  const until = facts.lockedUntil === undefined ? undefined : readableUtcTime(facts.lockedUntil, facts.changedAt);
  const unlock = until === undefined ? 'staff can unlock it' : `it unlocks at ${until}`;
  return `Your PIN was locked after too many wrong attempts; ${unlock}. If this was not you, contact support.`;
}

/** What the team receives instead of the client, so a tester can read the message. */
export function teamCopyText(customerPhone: string, text: string): string {
  return `[copy of a message to ${customerPhone}, not sent outside production] ${text}`;
}
