import { Logger } from '@nestjs/common';
import { BrevoEmailProvider } from '../src/infrastructure/providers/brevo-email.provider';
import { HttpSmsProvider } from '../src/infrastructure/providers/http-sms.provider';
import { TambilaWhatsappProvider } from '../src/infrastructure/providers/tambila-whatsapp.provider';
import { FakeHttpServer } from './support/fake-http-server';

const retry = { tries: 3, timeoutMs: 2000, backoffMs: 1 };
const message = { to: '+2250100000001', subject: 'Your code', text: 'Your code is 123456' };

describe('message providers over real HTTP', () => {
  beforeAll(() => Logger.overrideLogger(false));

  let server: FakeHttpServer;
  let baseUrl: string;

  beforeEach(async () => {
    server = new FakeHttpServer();
    baseUrl = await server.start();
  });

  afterEach(() => server.stop());

  it('posts a Brevo transactional e-mail with the api-key header', async () => {
    const provider = new BrevoEmailProvider({ baseUrl, apiKey: 'brevo-key', senderEmail: 'no-reply@cashout.local', senderName: 'Cash-out' }, retry);
    const result = await provider.send({ ...message, to: 'team@example.test' });

    expect(result).toEqual({ delivered: true });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v3/smtp/email');
    expect(request.headers['api-key']).toBe('brevo-key');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toEqual({
      sender: { name: 'Cash-out', email: 'no-reply@cashout.local' },
      to: [{ email: 'team@example.test' }],
      subject: 'Your code',
      textContent: 'Your code is 123456',
    });
  });

  it('posts a Tambila WhatsApp message with a bearer token', async () => {
    const provider = new TambilaWhatsappProvider({ baseUrl, token: 'tambila-token' }, retry);
    await provider.send(message);

    const [request] = server.requests;
    expect(request.path).toBe('/messages');
    expect(request.headers.authorization).toBe('Bearer tambila-token');
    expect(request.body).toEqual({ to: '+2250100000001', text: 'Your code is 123456' });
  });

  it('posts an SMS with a bearer token', async () => {
    const provider = new HttpSmsProvider({ baseUrl, token: 'sms-token' }, retry);
    await provider.send(message);

    const [request] = server.requests;
    expect(request.path).toBe('/messages');
    expect(request.headers.authorization).toBe('Bearer sms-token');
    expect(request.body).toEqual({ to: '+2250100000001', text: 'Your code is 123456' });
  });

  it('retries a 500 and succeeds on a later try', async () => {
    server.respondWith(500, 500, 200);
    const provider = new HttpSmsProvider({ baseUrl, token: 't' }, retry);

    const result = await provider.send(message);

    expect(result).toEqual({ delivered: true });
    expect(server.requests).toHaveLength(3);
  });

  it('retries a 429', async () => {
    server.respondWith(429, 200);
    const result = await new HttpSmsProvider({ baseUrl, token: 't' }, retry).send(message);
    expect(result).toEqual({ delivered: true });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after the configured number of tries', async () => {
    server.respondWith(503);
    const result = await new TambilaWhatsappProvider({ baseUrl, token: 't' }, retry).send(message);
    expect(result).toEqual({ delivered: false, reason: 'HTTP 503' });
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 400', async () => {
    server.respondWith(400);
    const result = await new TambilaWhatsappProvider({ baseUrl, token: 't' }, retry).send(message);
    expect(result).toEqual({ delivered: false, reason: 'HTTP 400' });
    expect(server.requests).toHaveLength(1);
  });

  it('gives up a try that exceeds the timeout and tries again', async () => {
    server.respondWith(0, 200);
    const result = await new HttpSmsProvider({ baseUrl, token: 't' }, { ...retry, timeoutMs: 100 }).send(message);
    expect(result).toEqual({ delivered: true });
    expect(server.requests).toHaveLength(2);
  });

  it('reports a timeout when every try times out', async () => {
    server.respondWith(0);
    const result = await new HttpSmsProvider({ baseUrl, token: 't' }, { tries: 2, timeoutMs: 50, backoffMs: 1 }).send(message);
    expect(result).toEqual({ delivered: false, reason: 'timeout after 50 ms' });
  });

  it('retries network errors and reports them without the message text', async () => {
    await server.stop();
    const result = await new HttpSmsProvider({ baseUrl, token: 't' }, retry).send(message);
    expect(result).toEqual({ delivered: false, reason: 'network error' });
  });
});
