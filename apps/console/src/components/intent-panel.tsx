import { useEffect, useRef, useState } from 'preact/hooks';
import { isNotFound, type ApiClient } from '../api/client';
import { describeError, ApiError } from '../api/errors';
import { followIntent } from '../api/intent-stream';
import { isTerminal, type IntentView } from '../api/types';
import { canTake, laterView, type Step } from '../lib/steps';
import { Alert, Status } from './feedback';
import { IntentDetails, Timeline } from './intent-view';
import { StepForm } from './step-form';

interface IntentPanelProps {
  api: ApiClient;
  intentId: string;
  /** The label of the PIN input: "Agent PIN" in the CMMS, "PIN" for the agent on Mobile Pro. */
  pinLabel: string;
  /** ADMIN outside production: a button fills the OTP from the sandbox log. */
  sandboxOtp?: boolean;
  /** Each newer view of the intent (from a step's answer or the live stream). */
  onView?(view: IntentView): void;
}

/** One intent: its details, the steps valid in its status, and its live timeline. */
export function IntentPanel({ api, intentId, pinLabel, sandboxOtp, onView }: IntentPanelProps) {
  const [intent, setIntent] = useState<IntentView | undefined>(undefined);
  const [live, setLive] = useState(false);
  const [liveError, setLiveError] = useState<string | undefined>(undefined);
  const [connection, setConnection] = useState(0);
  const [busy, setBusy] = useState<Step | 'fill' | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [otp, setOtp] = useState('');
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  /** Becomes false when the sandbox answers 404: production, where the OTP is typed by hand. */
  const [sandbox, setSandbox] = useState(Boolean(sandboxOtp));
  const onViewRef = useRef(onView);
  onViewRef.current = onView;

  const accept = (view: IntentView): void => {
    setIntent((current) => laterView(current, view));
  };

  useEffect(() => {
    if (intent) onViewRef.current?.(intent);
  }, [intent]);

  useEffect(() => {
    setIntent(undefined);
    setError(undefined);
    setStatus(undefined);
  }, [api, intentId]);

  useEffect(() => {
    setLiveError(undefined);
    const controller = new AbortController();
    api.getIntent(intentId).then(accept, (cause: unknown) => {
      if (!controller.signal.aborted) setError(describeError(cause));
    });
    void followIntent(api, intentId, { onView: accept, onLive: setLive, onError: (cause) => setLiveError(describeError(cause)) }, controller.signal);
    return () => controller.abort();
  }, [api, intentId, connection]);

  const run = async (step: Step | 'fill', action: () => Promise<string | undefined>): Promise<void> => {
    setBusy(step);
    setError(undefined);
    setStatus(undefined);
    try {
      setStatus(await action());
    } catch (cause) {
      setError(describeError(cause));
      // A refused step may still have moved the intent (a failed confirm): read it once.
      if (cause instanceof ApiError && cause.status !== 0) api.getIntent(intentId).then(accept, () => undefined);
    } finally {
      setBusy(undefined);
    }
  };

  const step = (name: Step, call: () => Promise<IntentView>, done: (view: IntentView) => string) => () =>
    run(name, async () => {
      const view = await call();
      accept(view);
      return done(view);
    });

  const sendOtp = step(
    'send-otp',
    () => api.sendOtp(intentId),
    (view) => `OTP sent to the client${view.otp ? ` by ${view.otp.channel}` : ''}.`,
  );
  const verifyOtp = step(
    'verify-otp',
    () => api.verifyOtp(intentId, otp.trim()),
    () => {
      setOtp('');
      return 'OTP verified: the client consents.';
    },
  );
  const verifyPin = step(
    'verify-pin',
    () => api.verifyPin(intentId, pin),
    () => {
      setPin('');
      return 'PIN verified: ready to confirm.';
    },
  );
  const confirm = step(
    'confirm',
    () => api.confirm(intentId),
    (view) => (view.status === 'SUCCEEDED' ? `Cash-out succeeded: transaction ${view.transactionId ?? ''}.` : `Confirmed: ${view.status}.`),
  );
  const cancel = step(
    'cancel',
    () => api.cancel(intentId, reason.trim() || undefined),
    () => 'Intent canceled.',
  );
  const fillOtp = (): Promise<void> =>
    run('fill', async () => {
      let records;
      try {
        records = await api.sandboxNotifications({ intentId, limit: 20 });
      } catch (cause) {
        if (!isNotFound(cause)) throw cause;
        setSandbox(false);
        return 'There is no sandbox here (production): type the OTP the client received on their phone.';
      }
      const found = records.find((record) => record.otp);
      if (!found?.otp) throw new Error('no OTP in the sandbox for this intent yet: send the OTP first');
      setOtp(found.otp);
      return 'OTP filled from the sandbox.';
    });

  const enabled = (name: Step): boolean => intent !== undefined && busy === undefined && canTake(intent.status, name);
  const id = (name: string): string => `${name}-${intentId}`;
  return (
    <div class="intent-panel">
      <section class="card" aria-labelledby={id('steps-h')}>
        <h2 id={id('steps-h')}>Steps</h2>
        <div class="step">
          <button type="button" disabled={!enabled('send-otp')} onClick={sendOtp}>
            Send OTP
          </button>
        </div>
        <StepForm
          id={id('otp')}
          label="OTP"
          input={{ name: 'otp', inputMode: 'numeric', autocomplete: 'one-time-code' }}
          value={otp}
          onInput={setOtp}
          submit="Verify OTP"
          disabled={!enabled('verify-otp') || otp.trim() === ''}
          onSubmit={verifyOtp}
        >
          {sandbox && (
            <button type="button" class="secondary" disabled={!enabled('verify-otp')} onClick={fillOtp}>
              Fill OTP from sandbox
            </button>
          )}
        </StepForm>
        <StepForm
          id={id('pin')}
          label={pinLabel}
          input={{ name: 'pin', type: 'password', inputMode: 'numeric', autocomplete: 'off' }}
          value={pin}
          onInput={setPin}
          submit="Verify PIN"
          disabled={!enabled('verify-pin') || pin === ''}
          onSubmit={verifyPin}
        />
        <div class="step">
          <button type="button" class="primary" disabled={!enabled('confirm')} onClick={confirm}>
            Confirm
          </button>
        </div>
        <StepForm
          id={id('reason')}
          label="Cancel reason (optional)"
          input={{ name: 'reason', maxLength: 200 }}
          value={reason}
          onInput={setReason}
          submit="Cancel"
          submitClass="danger"
          disabled={!enabled('cancel')}
          onSubmit={cancel}
        />
        <Status message={busy ? 'Working…' : status} />
        <Alert message={error} />
      </section>
      <section class="card" aria-labelledby={id('details-h')}>
        <h2 id={id('details-h')}>Intent</h2>
        {intent ? <IntentDetails intent={intent} /> : <p>Loading the intent…</p>}
      </section>
      <section class="card" aria-labelledby={id('timeline-h')}>
        <h2 id={id('timeline-h')}>Timeline</h2>
        <p class="muted" role="status">
          {intent && isTerminal(intent.status)
            ? 'Final status reached.'
            : live
              ? 'Live: updates appear as they happen.'
              : liveError
                ? 'Live updates stopped.'
                : 'Connecting to live updates…'}
        </p>
        {liveError && !(intent && isTerminal(intent.status)) && (
          <>
            <Alert message={`Live updates stopped: ${liveError}`} />
            <button type="button" class="secondary" onClick={() => setConnection((value) => value + 1)}>
              Reconnect live updates
            </button>
          </>
        )}
        {intent && <Timeline intent={intent} />}
      </section>
    </div>
  );
}
