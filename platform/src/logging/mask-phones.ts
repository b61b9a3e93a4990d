/** E.164 numbers as this platform writes them: + and 8 to 15 digits. */
const PHONE = /\+\d{8,15}\b/g;

/**
 * A phone as logs may show it: the country prefix and the last two digits, e.g. +225********01.
 * A message, an error's text or an aggregate id may carry a customer's phone, and logs are
 * read far more widely than the data.
 */
export function maskPhones(text: string): string {
  return text.replace(PHONE, (phone) => `${phone.slice(0, 4)}${'*'.repeat(phone.length - 6)}${phone.slice(-2)}`);
}
