import { isTerminal, type IntentView, type WalletView } from '../api/types';
import { formatDateTime, formatMoney } from '../lib/format';

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span class={`badge badge-${status.toLowerCase()}`} data-testid={testId}>
      {status}
    </span>
  );
}

/** What a person checks before confirming: money, parties, deadline; then the outcome. */
export function IntentDetails({ intent }: { intent: IntentView }) {
  const money = (value: number): string => formatMoney(value, intent.currency);
  return (
    <dl class="details">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={intent.status} testId="intent-status" />
      </dd>
      <dt>Amount</dt>
      <dd>{money(intent.amount)}</dd>
      <dt>Fees</dt>
      <dd>{money(intent.fees)}</dd>
      <dt>Total debited from the client</dt>
      <dd>{money(intent.totalDebit)}</dd>
      <dt>Agent commission</dt>
      <dd>{money(intent.commission)}</dd>
      <dt>Agent</dt>
      <dd>{intent.agent.phone}</dd>
      <dt>Client</dt>
      <dd>{intent.client.phone}</dd>
      <dt>Channel</dt>
      <dd>{intent.channel === 'MOBILE_PRO' ? 'Mobile Pro' : 'CMMS'}</dd>
      <dt>Created</dt>
      <dd>{formatDateTime(intent.createdAt)}</dd>
      <dt>Expires</dt>
      <dd>{isTerminal(intent.status) ? '—' : formatDateTime(intent.expiresAt)}</dd>
      {intent.otp && !isTerminal(intent.status) && (
        <>
          <dt>OTP</dt>
          <dd>
            sent by {intent.otp.channel}, expires {formatDateTime(intent.otp.expiresAt)}, {intent.otp.attemptsLeft} tries and {intent.otp.resendsLeft} resends
            left
          </dd>
        </>
      )}
      <dt>Transaction id</dt>
      <dd class="mono">{intent.transactionId ?? '—'}</dd>
      <dt>Failure reason</dt>
      <dd>{intent.failureReason ?? '—'}</dd>
      <dt>Intent id</dt>
      <dd class="mono" data-testid="intent-id">
        {intent.id}
      </dd>
    </dl>
  );
}

/** The intent's states as they happened, each with its time, who moved it there, and why. */
export function Timeline({ intent }: { intent: IntentView }) {
  return (
    <ol class="timeline" aria-label="Timeline">
      {intent.history.map((entry, index) => (
        <li key={`${index}-${entry.status}`} data-status={entry.status}>
          <StatusBadge status={entry.status} />
          <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          {entry.actor && <span class="actor">by {entry.actor}</span>}
          {entry.reason && <span class="reason">{entry.reason}</span>}
        </li>
      ))}
    </ol>
  );
}

export function WalletsTable({ caption, wallets }: { caption: string; wallets: WalletView[] | undefined }) {
  return (
    <table class="wallets" aria-label={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Wallet</th>
          <th scope="col">Balance</th>
          <th scope="col">Available</th>
        </tr>
      </thead>
      <tbody>
        {wallets === undefined ? (
          <tr>
            <td colSpan={3}>loading…</td>
          </tr>
        ) : wallets.length === 0 ? (
          <tr>
            <td colSpan={3}>no wallet</td>
          </tr>
        ) : (
          wallets.map((wallet) => (
            <tr key={wallet.walletId} data-kind={wallet.kind}>
              <th scope="row">{wallet.kind}</th>
              <td class="num">{formatMoney(wallet.balance, wallet.currency)}</td>
              <td class="num">{formatMoney(wallet.available, wallet.currency)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
