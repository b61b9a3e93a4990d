import QRCode from 'qrcode';
import { useRef, useState } from 'preact/hooks';
import { isNotFound, type ApiClient } from '../api/client';
import { describeError } from '../api/errors';
import type { NotificationRecord, QrToken } from '../api/types';
import { Alert, Status } from '../components/feedback';
import { useAction, useInterval, useNow } from '../components/hooks';
import { MyWallets } from '../components/my-wallets';
import { SignedInBar, SignIn, useSession } from '../components/session';
import { formatCountdown, formatDateTime } from '../lib/format';

const INBOX_EVERY_MS = 3000;

/** Mobile Pro, the client's phone: a QR code for the agent, the balance, the messages received. */
export function ClientPage() {
  const { session, api, signIn, signOut, ended } = useSession('client');
  const [round, setRound] = useState(0);
  return (
    <>
      <h1>Mobile Pro — client</h1>
      {!session ? (
        <>
          <p>The client’s phone: sign in with your phone number and PIN.</p>
          <SignIn door="client" roles={['CLIENT']} who="a CLIENT" placeholderPhone="+2250100000001" ended={ended} onSignedIn={signIn} />
        </>
      ) : (
        <>
          <SignedInBar session={session} onSignOut={() => signOut()} />
          <div class="phone-grid">
            <QrCard api={api} />
            <MyWallets api={api} title="My balance" round={round} />
            <Inbox api={api} onNewMessage={() => setRound((value) => value + 1)} />
          </div>
        </>
      )}
    </>
  );
}

function QrCard({ api }: { api: ApiClient }) {
  const [token, setToken] = useState<QrToken | undefined>(undefined);
  const [image, setImage] = useState<string | undefined>(undefined);
  const { busy, error, run } = useAction();
  const now = useNow();
  const show = (): Promise<void> =>
    run(async () => {
      const issued = await api.qrToken();
      setImage(await QRCode.toDataURL(issued.qrToken, { errorCorrectionLevel: 'M', margin: 2, width: 240 }));
      setToken(issued);
    });
  const left = token ? Date.parse(token.expiresAt) - now : 0;
  return (
    <section class="card" aria-labelledby="qr-h">
      <h2 id="qr-h">My QR code</h2>
      <p>The agent scans it (or types the token) to open a cash-out for you. It works once, for a short time.</p>
      <button type="button" disabled={busy} onClick={show}>
        Show my QR code
      </button>
      {token && image && (
        <figure class="qr">
          <img src={image} alt="QR code" width={240} height={240} />
          <figcaption>
            <span class="muted">Token</span>
            <code class="token" data-testid="qr-token">
              {token.qrToken}
            </code>
            <span data-testid="qr-expiry">
              {left > 0 ? (
                <>
                  Expires in <strong>{formatCountdown(left)}</strong> ({formatDateTime(token.expiresAt)})
                </>
              ) : (
                'Expired: show a new one.'
              )}
            </span>
          </figcaption>
        </figure>
      )}
      <Status message={busy ? 'Getting a QR code…' : undefined} />
      <Alert message={error} />
    </section>
  );
}

/** The messages the platform sent to this client (the sandbox log in development and test). */
function Inbox({ api, onNewMessage }: { api: ApiClient; onNewMessage(): void }) {
  const [messages, setMessages] = useState<NotificationRecord[] | undefined>(undefined);
  const [production, setProduction] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const newest = useRef<string | undefined>(undefined);
  useInterval(
    () => {
      if (production) return;
      api.myNotifications(20).then(
        (records) => {
          setMessages(records);
          setError(undefined);
          const top = records[0]?.id;
          if (top !== newest.current) {
            if (newest.current !== undefined) onNewMessage();
            newest.current = top;
          }
        },
        (cause: unknown) => {
          if (isNotFound(cause)) setProduction(true);
          else setError(describeError(cause));
        },
      );
    },
    INBOX_EVERY_MS,
    [api, production],
  );
  return (
    <section class="card" aria-labelledby="inbox-h">
      <h2 id="inbox-h">Messages</h2>
      {production ? (
        <p>Messages arrive on the client’s phone by SMS or WhatsApp; this page cannot show them in production.</p>
      ) : (
        <>
          <p class="muted">Refreshed every few seconds.</p>
          <ul class="inbox" aria-label="Messages">
            {messages?.length === 0 && <li>No message yet.</li>}
            {messages?.map((message) => (
              <li key={message.id} data-kind={message.kind} data-intent-id={message.intentId}>
                <div class="inbox-head">
                  <strong>{message.kind}</strong> by {message.channel} <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
                </div>
                <p>{message.body}</p>
                {message.otp && (
                  <p>
                    Code:{' '}
                    <strong class="otp" data-testid="inbox-otp">
                      {message.otp}
                    </strong>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <Alert message={error} />
    </section>
  );
}
