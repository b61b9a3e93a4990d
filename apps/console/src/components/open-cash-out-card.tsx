import type { ComponentChildren } from 'preact';
import { AmountField } from './amount-field';
import { Alert, Status } from './feedback';

interface OpenCashOutCardProps {
  /** The prefix of the card's ids: `${id}-h` for its heading, `${id}-amount` for the amount. */
  id: string;
  amount: string;
  onAmount(value: string): void;
  /** The form's request in flight and its refusal, as `useAction` keeps them. */
  busy: boolean;
  error: string | undefined;
  /** Called on submit, the page's reload prevented. */
  onSubmit(): Promise<void>;
  /** The parties' fields, which differ by door (the CMMS names the agent, Mobile Pro is the agent). */
  children: ComponentChildren;
}

/** The card every door opens a cash-out from: the parties, the amount, one submit, its progress and refusal. */
export function OpenCashOutCard({ id, amount, onAmount, busy, error, onSubmit, children }: OpenCashOutCardProps) {
  return (
    <section class="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Open a cash-out</h2>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        {children}
        <AmountField id={`${id}-amount`} value={amount} onInput={onAmount} />
        <button type="submit" disabled={busy}>
          Open cash-out
        </button>
      </form>
      <Status message={busy ? 'Opening the cash-out…' : undefined} />
      <Alert message={error} />
    </section>
  );
}
