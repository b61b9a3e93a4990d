import { IncomingHttpHeaders, Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * A real HTTP server on 127.0.0.1 answering with scripted statuses (the last repeats);
 * status 0 never answers, to exercise timeouts.
 */
export class FakeHttpServer {
  readonly requests: CapturedRequest[] = [];
  private server?: Server;
  private statuses: number[] = [200];

  respondWith(...statuses: number[]): this {
    this.statuses = statuses;
    return this;
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.requests.push({
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: raw ? (JSON.parse(raw) as unknown) : undefined,
        });
        const index = Math.min(this.requests.length - 1, this.statuses.length - 1);
        if (this.statuses[index] === 0) return;
        response.writeHead(this.statuses[index], { 'content-type': 'application/json' });
        response.end(JSON.stringify({ messageId: `m-${this.requests.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
