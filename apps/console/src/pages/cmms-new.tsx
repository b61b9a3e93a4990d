import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { PhoneField } from '../components/phone-field';
import { useAction } from '../components/hooks';
import { OpenCashOutCard } from '../components/open-cash-out-card';
import { parseAmountOr } from '../lib/format';
import { routeHref } from '../lib/router';

/** Open a cash-out for an agent and a client, then drive it on its own page. */
export function CmmsNewPage({ api }: { api: ApiClient }) {
  const [agentPhone, setAgentPhone] = useState('');
  const [clientPhone, setClientPhone] = useState('');
  const [amount, setAmount] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = async (): Promise<void> => {
    const value = parseAmountOr(amount, setError);
    if (value === undefined) return;
    await run(async () => {
      const intent = await api.createIntent({ agentPhone: agentPhone.trim(), clientPhone: clientPhone.trim(), amount: value });
      location.hash = routeHref({ page: 'cmms-intent', id: intent.id });
    });
  };
  return (
    <OpenCashOutCard id="new" amount={amount} onAmount={setAmount} busy={busy} error={error} onSubmit={submit}>
      <PhoneField id="new-agent" label="Agent phone" name="agentPhone" placeholder="+2250500000001" required value={agentPhone} onInput={setAgentPhone} />
      <PhoneField id="new-client" label="Client phone" name="clientPhone" placeholder="+2250100000001" required value={clientPhone} onInput={setClientPhone} />
    </OpenCashOutCard>
  );
}
