import { ApiError, describeError, networkError, toApiError } from '../src/api/errors';

describe('describeError', () => {
  it('puts the code first, then plain words and the platform’s message', () => {
    const error = toApiError(422, JSON.stringify({ error: { code: 'INSUFFICIENT_FUNDS', message: 'wallet balance too low', correlationId: 'c-1' } }));
    expect(error.status).toBe(422);
    expect(error.body.correlationId).toBe('c-1');
    expect(describeError(error)).toBe('INSUFFICIENT_FUNDS: the client’s wallet holds less than amount + fees — wallet balance too low');
  });

  it('lists the fields of a validation refusal', () => {
    const error = toApiError(
      400,
      JSON.stringify({
        error: {
          code: 'VALIDATION_FAILED',
          message: 'invalid request',
          details: [
            { field: 'amount', message: 'must be positive' },
            { field: 'clientPhone', message: 'must be E.164' },
          ],
        },
      }),
    );
    expect(describeError(error)).toBe('VALIDATION_FAILED: a field is not valid — invalid request — amount must be positive; clientPhone must be E.164');
  });

  it('still gives a code and words for an answer that is not the error shape', () => {
    expect(describeError(toApiError(502, '<html>bad gateway</html>'))).toBe('HTTP_502: <html>bad gateway</html>');
    expect(describeError(toApiError(500, ''))).toBe('HTTP_500: the gateway answered without a body');
  });

  it('says when the gateway could not be reached, and words any other error', () => {
    expect(describeError(networkError(new TypeError('Failed to fetch')))).toBe('NETWORK: the gateway could not be reached — Failed to fetch');
    expect(describeError(new Error('boom'))).toBe('ERROR: boom');
    expect(new ApiError(404, { code: 'NOT_FOUND', message: 'no such intent' }).message).toBe('NOT_FOUND: no such intent');
  });
});
