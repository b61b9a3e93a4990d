/** Formatting for people: money in whole units of its currency, times, durations. */

/** Currencies whose minor unit is the unit itself (XOF has no decimals). */
const DECIMALS: Record<string, number> = { XOF: 0, XAF: 0, GNF: 0, EUR: 2, USD: 2 };

/** 10000 XOF → "10 000 XOF": integer minor units, grouped by thousands with a space. */
export function formatMoney(amount: number, currency = 'XOF'): string {
  const decimals = DECIMALS[currency] ?? 2;
  const negative = amount < 0;
  const minor = Math.abs(Math.trunc(amount));
  const factor = 10 ** decimals;
  const whole = Math.floor(minor / factor);
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const fraction = decimals > 0 ? `.${String(minor % factor).padStart(decimals, '0')}` : '';
  return `${negative ? '-' : ''}${grouped}${fraction}\u00a0${currency}`;
}

/** Parses what a person typed as an amount of whole XOF: digits and spaces only, positive. */
export function parseAmount(text: string): number | undefined {
  const digits = text.replace(/[\s\u00a0_]/g, '');
  if (!/^\d+$/.test(digits)) return undefined;
  const value = Number(digits);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** What a form says when parseAmount refuses the amount typed. */
export const AMOUNT_INVALID = 'VALIDATION_FAILED: the amount must be a whole positive number of XOF';

/**
 * parseAmount for a form that opens a cash-out: the amount, or undefined when it is refused.
 * `setError` is the form's error line, given AMOUNT_INVALID on a refusal and cleared otherwise,
 * so a form that typed a bad amount and then a good one shows no stale refusal.
 */
export function parseAmountOr(text: string, setError: (error: string | undefined) => void): number | undefined {
  const value = parseAmount(text);
  setError(value === undefined ? AMOUNT_INVALID : undefined);
  return value;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** An ISO time as "2026-11-27 19:03:05" in the viewer's time zone. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Milliseconds left as "4:05" (minutes:seconds), "1:02:03" past an hour, "expired" at zero. */
export function formatCountdown(ms: number): string {
  if (ms <= 0) return 'expired';
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/** A duration in milliseconds for a report: "850 ms", "12.3 s", "4.5 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** Today as a UTC day, YYYY-MM-DD. */
export function utcDay(date = new Date()): string {
  return date.toISOString().slice(0, 10);
}

/** A random UUID v4 for Idempotency-Key; crypto.randomUUID needs a secure context, this does not. */
export function uuid(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
