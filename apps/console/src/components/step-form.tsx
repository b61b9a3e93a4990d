import type { ComponentChildren } from 'preact';

/**
 * What a step's one input is, beyond its value: each step keeps its own keyboard and autofill
 * hints. A text input (no type) or a password: Preact types the two as different inputs.
 */
export type StepInput = { name: string; inputMode?: 'numeric'; autocomplete?: string; maxLength?: number } & ({ type?: undefined } | { type: 'password' });

interface StepFormProps {
  /** The input's id, unique on the page (a page may show several intents). */
  id: string;
  /** The input's visible label, which is also its accessible name. */
  label: string;
  input: StepInput;
  value: string;
  onInput(value: string): void;
  /** The submit button's text, which is also its accessible name. */
  submit: string;
  submitClass?: string;
  disabled: boolean;
  onSubmit(): Promise<void>;
  /** More buttons after the submit one, on the same line (the OTP's "Fill from sandbox"). */
  children?: ComponentChildren;
}

/** A step of an intent that takes one typed value: a labelled input and its submit button, on one line. */
export function StepForm({ id, label, input, value, onInput, submit, submitClass, disabled, onSubmit, children }: StepFormProps) {
  return (
    <form
      class="step"
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <label for={id}>{label}</label>
      <div class="inline">
        <input id={id} {...input} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
        <button type="submit" class={submitClass} disabled={disabled}>
          {submit}
        </button>
        {children}
      </div>
    </form>
  );
}
