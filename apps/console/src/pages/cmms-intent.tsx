import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { describeError } from '../api/errors';
import { isTerminal, type IntentView, type WalletView } from '../api/types';
import { Alert } from '../components/feedback';
import { IntentPanel } from '../components/intent-panel';
import { WalletsTable } from '../components/intent-view';

interface Parties {
  agent: string;
  client: string;
}

/** One intent driven step by step, with the wallets of its agent and client. */
export function CmmsIntentPage({ api, id, admin }: { api: ApiClient; id: string; admin: boolean }) {
  const [parties, setParties] = useState<Parties | undefined>(undefined);
  const [final, setFinal] = useState(false);
  const onView = useCallback((view: IntentView) => {
    setParties((current) => current ?? { agent: view.agent.phone, client: view.client.phone });
    setFinal(isTerminal(view.status));
  }, []);
  return (
    <>
      <p>
        <a href="#/cmms/intents">← All intents</a>
      </p>
      <IntentPanel api={api} intentId={id} pinLabel="Agent PIN" sandboxOtp={admin} onView={onView} />
      {parties && <PartiesWallets api={api} parties={parties} final={final} />}
    </>
  );
}

/** Read when the parties are known and again when the intent reaches a final status. */
function PartiesWallets({ api, parties, final }: { api: ApiClient; parties: Parties; final: boolean }) {
  const [agent, setAgent] = useState<WalletView[] | undefined>(undefined);
  const [client, setClient] = useState<WalletView[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    Promise.all([api.walletsOf(parties.agent), api.walletsOf(parties.client)]).then(
      ([agentWallets, clientWallets]) => {
        if (!current) return;
        setAgent(agentWallets);
        setClient(clientWallets);
        setError(undefined);
      },
      (cause: unknown) => current && setError(describeError(cause)),
    );
    return () => {
      current = false;
    };
  }, [api, parties.agent, parties.client, final]);
  return (
    <section class="card" aria-labelledby="wallets-h">
      <h2 id="wallets-h">Wallets and balances</h2>
      <div class="two">
        <WalletsTable caption={`Agent ${parties.agent}`} wallets={agent} />
        <WalletsTable caption={`Client ${parties.client}`} wallets={client} />
      </div>
      <Alert message={error} />
    </section>
  );
}
