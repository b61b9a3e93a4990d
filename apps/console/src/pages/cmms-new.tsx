import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { AMOUNT_INVALID, AmountField } from '../components/amount-field';
import { PhoneField } from '../components/phone-field';
import { Alert, Status } from '../components/feedback';
import { useAction } from '../components/hooks';
import { parseAmount } from '../lib/format';
import { routeHref } from '../lib/router';

/** Open a cash-out for an agent and a client, then drive it on its own page. */
export function CmmsNewPage({ api }: { api: ApiClient }) {
  const [agentPhone, setAgentPhone] = useState('');
  const [clientPhone, setClientPhone] = useState('');
  const [amount, setAmount] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setError(undefined);
    const value = parseAmount(amount);
    if (value === undefined) {
      setError(AMOUNT_INVALID);
      return;
    }
    await run(async () => {
      const intent = await api.createIntent({ agentPhone: agentPhone.trim(), clientPhone: clientPhone.trim(), amount: value });
      location.hash = routeHref({ page: 'cmms-intent', id: intent.id });
    });
  };
  return (
    <section class="card" aria-labelledby="new-h">
      <h2 id="new-h">Open a cash-out</h2>
      <form class="form" onSubmit={submit}>
        <PhoneField id="new-agent" label="Agent phone" name="agentPhone" placeholder="+2250500000001" required value={agentPhone} onInput={setAgentPhone} />
        <PhoneField
          id="new-client"
          label="Client phone"
          name="clientPhone"
          placeholder="+2250100000001"
          required
          value={clientPhone}
          onInput={setClientPhone}
        />
        <AmountField id="new-amount" value={amount} onInput={setAmount} />
        <button type="submit" disabled={busy}>
          Open cash-out
        </button>
      </form>
      <Status message={busy ? 'Opening the cash-out…' : undefined} />
      <Alert message={error} />
    </section>
  );
}
