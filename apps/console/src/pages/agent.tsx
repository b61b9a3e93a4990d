import { useCallback, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { isTerminal, type IntentView } from '../api/types';
import { PhoneField } from '../components/phone-field';
import { useAction } from '../components/hooks';
import { IntentPanel } from '../components/intent-panel';
import { MyWallets } from '../components/my-wallets';
import { OpenCashOutCard } from '../components/open-cash-out-card';
import { SignedInBar, SignIn, useSession } from '../components/session';
import { parseAmountOr } from '../lib/format';

/** Mobile Pro, the agent's app: open a cash-out by phone or QR token, drive it, see the float. */
export function AgentPage() {
  const { session, api, signIn, signOut, ended } = useSession('agent');
  const [intentId, setIntentId] = useState<string | undefined>(undefined);
  const [round, setRound] = useState(0);
  const onView = useCallback((view: IntentView) => {
    if (isTerminal(view.status)) setRound((value) => value + 1);
  }, []);
  return (
    <>
      <h1>Mobile Pro — agent</h1>
      {!session ? (
        <>
          <p>The agent’s app: sign in with your phone number and PIN.</p>
          <SignIn door="agent" roles={['AGENT']} who="an AGENT" placeholderPhone="+2250500000001" ended={ended} onSignedIn={signIn} />
        </>
      ) : (
        <>
          <SignedInBar
            session={session}
            onSignOut={() => {
              setIntentId(undefined);
              signOut();
            }}
          />
          {intentId ? (
            <>
              <button type="button" class="secondary" onClick={() => setIntentId(undefined)}>
                New cash-out
              </button>
              <IntentPanel api={api} intentId={intentId} pinLabel="PIN" onView={onView} />
            </>
          ) : (
            <OpenCashOut api={api} onOpened={(view) => setIntentId(view.id)} />
          )}
          <MyWallets api={api} title="My float and commission" round={round} />
        </>
      )}
    </>
  );
}

function OpenCashOut({ api, onOpened }: { api: ApiClient; onOpened(view: IntentView): void }) {
  const [clientPhone, setClientPhone] = useState('');
  const [qrToken, setQrToken] = useState('');
  const [amount, setAmount] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = async (): Promise<void> => {
    const phone = clientPhone.trim();
    const token = qrToken.trim();
    if ((phone === '') === (token === '')) {
      setError('VALIDATION_FAILED: give the client’s phone or the client’s QR token, one of them');
      return;
    }
    const value = parseAmountOr(amount, setError);
    if (value === undefined) return;
    await run(async () => onOpened(await api.createIntent(phone ? { amount: value, clientPhone: phone } : { amount: value, clientQrToken: token })));
  };
  return (
    <OpenCashOutCard id="a" amount={amount} onAmount={setAmount} busy={busy} error={error} onSubmit={submit}>
      <PhoneField id="a-client" label="Client phone" name="clientPhone" placeholder="+2250100000001" value={clientPhone} onInput={setClientPhone} />
      <p class="or">or</p>
      <label for="a-qr">Client QR token</label>
      <input id="a-qr" name="clientQrToken" autocomplete="off" value={qrToken} onInput={(e) => setQrToken(e.currentTarget.value)} />
    </OpenCashOutCard>
  );
}
