/**
 * The per-customer and per-address budgets raised out of the way, for a process that drives
 * load: every load request comes from one address, a few agents and a few dozen clients drive
 * every flow at once (killed flows stay open until their deadline), and fuzzing and the chaos mix
 * enter wrong OTPs and PINs on purpose. The production defaults stay as they are; the
 * gateway's, the auth service's and the risk engine's tests cover them. Used by the fuzzer,
 * chaos, the bench and the browser tests, for their own processes only.
 */
export const LOAD_BUDGETS_OFF: Readonly<Record<string, string>> = {
  RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_FAILED_LOGINS_PER_ADDRESS: '1000000',
  RATE_LIMIT_FAILED_LOGINS: '1000000',
  OTP_FAILURE_BUDGET: '1000000',
  OTP_AGENT_FAILURE_BUDGET: '1000000',
  OPEN_INTENTS_PER_AGENT: '1000000',
  OPEN_INTENTS_PER_CLIENT: '1000000',
  OTP_SENDS_PER_AGENT: '1000000',
  OTP_SENDS_PER_CLIENT: '1000000',
};
