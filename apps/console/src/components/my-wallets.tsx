import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { describeError } from '../api/errors';
import type { WalletView } from '../api/types';
import { Alert } from './feedback';
import { WalletsTable } from './intent-view';

/** The signed-in customer's wallets (/wallets/me), read again whenever `round` changes. */
export function MyWallets({ api, title, round }: { api: ApiClient; title: string; round: number }) {
  const [wallets, setWallets] = useState<WalletView[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    api.myWallets().then(
      (answer) => {
        if (!current) return;
        setWallets(answer);
        setError(undefined);
      },
      (cause: unknown) => current && setError(describeError(cause)),
    );
    return () => {
      current = false;
    };
  }, [api, round]);
  return (
    <section class="card" aria-labelledby="my-wallets-h">
      <h2 id="my-wallets-h">{title}</h2>
      <WalletsTable caption="My wallets" wallets={wallets} />
      <Alert message={error} />
    </section>
  );
}
