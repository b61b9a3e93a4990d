/** The amount of a cash-out to open, labelled and hinted alike on every page that opens one. */
export function AmountField({ id, value, onInput }: { id: string; value: string; onInput(value: string): void }) {
  return (
    <>
      <label for={id}>Amount</label>
      <input
        id={id}
        name="amount"
        inputMode="numeric"
        placeholder="10000"
        aria-describedby={`${id}-hint`}
        required
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <small id={`${id}-hint`}>Whole XOF, no decimals.</small>
    </>
  );
}
