import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { describeError } from '../api/errors';
import { INTENT_STATUSES, type IntentFilters, type IntentPage, type IntentStatus } from '../api/types';
import { Alert, Status } from '../components/feedback';
import { StatusBadge } from '../components/intent-view';
import { formatDateTime, formatMoney } from '../lib/format';
import { routeHref } from '../lib/router';

const PAGE_SIZE = 20;

/** Intents, newest first, filtered; "Next page" sends the same filters with the cursor. */
export function CmmsIntentsPage({ api }: { api: ApiClient }) {
  const [draft, setDraft] = useState<IntentFilters>({});
  const [applied, setApplied] = useState<IntentFilters>({});
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [pageNumber, setPageNumber] = useState(1);
  const [page, setPage] = useState<IntentPage | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    api
      .listIntents(applied, PAGE_SIZE, cursor)
      .then(
        (answer) => current && setPage(answer),
        (cause: unknown) => current && setError(describeError(cause)),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [api, applied, cursor]);

  const field = (name: keyof IntentFilters) => (event: Event) => setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement).value.trim() });
  const apply = (event: Event): void => {
    event.preventDefault();
    setApplied({ ...draft });
    setCursor(undefined);
    setPageNumber(1);
  };
  return (
    <>
      <section class="card" aria-labelledby="filters-h">
        <h2 id="filters-h">Filters</h2>
        <form class="filters" onSubmit={apply}>
          <div>
            <label for="f-status">Status</label>
            <select
              id="f-status"
              name="status"
              value={draft.status ?? ''}
              onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value as IntentStatus | '' })}
            >
              <option value="">any</option>
              {INTENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-agent">Filter by agent phone</label>
            <input id="f-agent" name="agentPhone" type="tel" value={draft.agentPhone ?? ''} onInput={field('agentPhone')} />
          </div>
          <div>
            <label for="f-client">Filter by client phone</label>
            <input id="f-client" name="clientPhone" type="tel" value={draft.clientPhone ?? ''} onInput={field('clientPhone')} />
          </div>
          <div>
            <label for="f-from">From</label>
            <input id="f-from" name="from" type="date" value={draft.from ?? ''} onInput={field('from')} />
          </div>
          <div>
            <label for="f-to">To</label>
            <input id="f-to" name="to" type="date" value={draft.to ?? ''} onInput={field('to')} />
          </div>
          <div class="filters-actions">
            <button type="submit">Apply filters</button>
          </div>
        </form>
      </section>
      <section class="card" aria-labelledby="list-h">
        <h2 id="list-h">Page {pageNumber}</h2>
        <Status message={loading ? 'Loading intents…' : page ? `${page.items.length} intent(s) on this page.` : undefined} />
        <Alert message={error} />
        <div class="scroll">
          <table aria-label="Intents" class="intents">
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">Created</th>
                <th scope="col">Agent</th>
                <th scope="col">Client</th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {page?.items.map((intent) => (
                <tr key={intent.id}>
                  <td class="mono">
                    <a href={routeHref({ page: 'cmms-intent', id: intent.id })} title={intent.id}>
                      {intent.id.slice(0, 8)}…
                    </a>
                  </td>
                  <td>{formatDateTime(intent.createdAt)}</td>
                  <td>{intent.agent.phone}</td>
                  <td>{intent.client.phone}</td>
                  <td class="num">{formatMoney(intent.amount, intent.currency)}</td>
                  <td>
                    <StatusBadge status={intent.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="pager">
          <button
            type="button"
            class="secondary"
            disabled={cursor === undefined || loading}
            onClick={() => {
              setCursor(undefined);
              setPageNumber(1);
            }}
          >
            First page
          </button>
          <button
            type="button"
            disabled={!page?.nextCursor || loading}
            onClick={() => {
              setCursor(page?.nextCursor ?? undefined);
              setPageNumber(pageNumber + 1);
            }}
          >
            Next page
          </button>
        </div>
      </section>
    </>
  );
}
