import type { IntentView } from '@cashout/shared-contracts';
import { LIVE_STATUSES } from '../domain/audit-input';
import { Credentials, PlatformApi } from '../http/platform-api';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const isLive = (intent: IntentView) => (LIVE_STATUSES as readonly string[]).includes(intent.status) || intent.status === 'PROCESSING';

export interface QuiesceResult {
  waitedMs: number;
  /** Intents still live when the wait gave up (the audit reports them). */
  stillLive: number;
}

/**
 * After the load: waits until no intent is live any more. Abandoned ones expire when the
 * deadline sweeper passes their deadline; PROCESSING ones must end by themselves. Gives up
 * `graceMs` after the last deadline, so a stuck intent becomes a finding, not a hang.
 */
export async function quiesce(api: PlatformApi, admin: Credentials, graceMs: number, log: (line: string) => void): Promise<QuiesceResult> {
  const started = Date.now();
  let lastLog = 0;
  for (;;) {
    const live = (await api.allIntents(admin).catch(() => undefined))?.filter(isLive);
    if (live && live.length === 0) return { waitedMs: Date.now() - started, stillLive: 0 };
    if (live) {
      const lastDeadline = Math.max(...live.map((intent) => Date.parse(intent.expiresAt)));
      if (Date.now() > lastDeadline + graceMs) return { waitedMs: Date.now() - started, stillLive: live.length };
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        const processing = live.filter((intent) => intent.status === 'PROCESSING').length;
        log(
          `quiesce: ${live.length} intent(s) live (${processing} PROCESSING); the last deadline is in ${Math.max(0, Math.round((lastDeadline - Date.now()) / 1000))} s`,
        );
      }
    }
    await sleep(2_000);
  }
}
