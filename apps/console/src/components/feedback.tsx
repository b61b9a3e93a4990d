/** An error for a person, in a role="alert" region (kept in the page, empty when all is well). */
export function Alert({ message, testId }: { message: string | undefined; testId?: string }) {
  return (
    <div role="alert" class="alert" data-testid={testId}>
      {message}
    </div>
  );
}

/** Progress and outcomes, in a role="status" region. */
export function Status({ message }: { message: string | undefined }) {
  return (
    <p role="status" class="status-line">
      {message}
    </p>
  );
}
