import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { describeError } from '../api/errors';
import type { AgentDailyReport, ReconciliationView, ReportFigures } from '../api/types';
import { Alert, Status } from '../components/feedback';
import { useAction } from '../components/hooks';
import { formatDuration, formatMoney, utcDay } from '../lib/format';

/** ADMIN: is the ledger sound, is anything stuck in the dead-letter topic, how is an agent doing. */
export function CmmsOperationsPage({ api }: { api: ApiClient }) {
  const [reconciliation, setReconciliation] = useState<ReconciliationView | undefined>(undefined);
  const [deadLetters, setDeadLetters] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setError(undefined);
    api.reconciliation().then(
      (view) => current && setReconciliation(view),
      (cause: unknown) => current && setError(describeError(cause)),
    );
    api.deadLetters().then(
      (view) => current && setDeadLetters(view.count),
      (cause: unknown) => current && setError(describeError(cause)),
    );
    return () => {
      current = false;
    };
  }, [api, round]);
  return (
    <>
      <section class="card" aria-labelledby="health-h">
        <h2 id="health-h">Ledger and messages</h2>
        <dl class="details">
          <dt>Balanced</dt>
          <dd data-testid="reconciliation-balanced">{reconciliation ? yesNo(reconciliation.balanced) : '…'}</dd>
          <dt>Journal intact</dt>
          <dd data-testid="reconciliation-intact">
            {reconciliation ? (reconciliation.intact === undefined ? 'not checked' : yesNo(reconciliation.intact)) : '…'}
          </dd>
          <dt>Wallets checked</dt>
          <dd>{reconciliation?.walletsChecked ?? '…'}</dd>
          <dt>Mismatches</dt>
          <dd>{reconciliation ? reconciliation.mismatches.length : '…'}</dd>
          <dt>Totals by currency</dt>
          <dd>
            {reconciliation
              ? Object.entries(reconciliation.totalsByCurrency)
                  .map(([currency, total]) => formatMoney(total, currency))
                  .join(', ') || '—'
              : '…'}
          </dd>
          <dt>Dead letters</dt>
          <dd data-testid="dead-letters">{deadLetters ?? '…'}</dd>
        </dl>
        {reconciliation && reconciliation.mismatches.length > 0 && (
          <ul aria-label="Mismatches">
            {reconciliation.mismatches.map((mismatch) => (
              <li key={mismatch.walletId}>
                {mismatch.walletId}: balance {mismatch.balance}, postings {mismatch.postings}
              </li>
            ))}
          </ul>
        )}
        <button type="button" class="secondary" onClick={() => setRound(round + 1)}>
          Refresh
        </button>
        <Alert message={error} />
      </section>
      <AgentReport api={api} />
    </>
  );
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'NO');

function AgentReport({ api }: { api: ApiClient }) {
  const [phone, setPhone] = useState('');
  const [from, setFrom] = useState(utcDay(new Date(Date.now() - 6 * 86_400_000)));
  const [to, setTo] = useState(utcDay());
  const [report, setReport] = useState<AgentDailyReport | undefined>(undefined);
  const { busy, error, run } = useAction();
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    await run(
      async () => setReport(await api.agentReport(phone.trim(), from || undefined, to || undefined)),
      () => setReport(undefined),
    );
  };
  return (
    <section class="card" aria-labelledby="report-h">
      <h2 id="report-h">Agent daily report</h2>
      <form class="filters" onSubmit={submit}>
        <div>
          <label for="r-agent">Agent phone</label>
          <input
            id="r-agent"
            name="agentPhone"
            type="tel"
            placeholder="+2250500000001"
            required
            value={phone}
            onInput={(e) => setPhone(e.currentTarget.value)}
          />
        </div>
        <div>
          <label for="r-from">Report from</label>
          <input id="r-from" name="from" type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div>
          <label for="r-to">Report to</label>
          <input id="r-to" name="to" type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        <div class="filters-actions">
          <button type="submit" disabled={busy}>
            Show report
          </button>
        </div>
      </form>
      <Status message={busy ? 'Loading the report…' : report ? `${report.days.length} day(s) with intents from ${report.from} to ${report.to}.` : undefined} />
      <Alert message={error} />
      {report && (
        <div class="scroll">
          <table aria-label="Agent daily report">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Intents</th>
                <th scope="col">By status</th>
                <th scope="col">Volume</th>
                <th scope="col">Fees</th>
                <th scope="col">Commission</th>
                <th scope="col">Mean time in state</th>
              </tr>
            </thead>
            <tbody>
              {report.days.map((day) => (
                <ReportRow key={`${day.day}-${day.currency}`} label={day.day} figures={day} />
              ))}
              {report.totals.map((total) => (
                <ReportRow key={`total-${total.currency}`} label="Total" figures={total} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ReportRow({ label, figures }: { label: string; figures: ReportFigures }) {
  const byStatus = Object.entries(figures.byStatus)
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  const times = Object.entries(figures.timeInState)
    .filter(([, time]) => time && time.count > 0)
    .map(([status, time]) => `${status} ${formatDuration((time?.totalMs ?? 0) / (time?.count ?? 1))}`)
    .join(', ');
  return (
    <tr>
      <th scope="row">{label}</th>
      <td class="num">{figures.intents}</td>
      <td>{byStatus || '—'}</td>
      <td class="num">{formatMoney(figures.volume, figures.currency)}</td>
      <td class="num">{formatMoney(figures.fees, figures.currency)}</td>
      <td class="num">{formatMoney(figures.commission, figures.currency)}</td>
      <td>{times || '—'}</td>
    </tr>
  );
}
