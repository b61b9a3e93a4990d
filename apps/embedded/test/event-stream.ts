import { PassThrough, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { SseReader } from '@cashout/testkit';
import { Http } from './harness';

export interface OpenedStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The stream's messages (see testkit's SseReader); `cancel()` hangs up. */
  reader: SseReader;
}

/**
 * Opens an intent's event stream through a harness's request builder (`harness.http()`, so on
 * the distributed stack on the next gateway in turn) and reads it as it comes: the builder's
 * response is piped unbuffered into a web stream, which testkit's SseReader reads as it would
 * a fetch() body. The embedded system has no URL of its own to fetch: its server listens only
 * while a request of the builder runs, which is why the builder is used rather than fetch.
 */
export function openEventStream(http: () => Http, path: string, token: string): Promise<OpenedStream> {
  const body = new PassThrough();
  const pending = http().get(path).set('Authorization', `Bearer ${token}`).set('Accept', 'text/event-stream');
  return new Promise<OpenedStream>((resolve, reject) => {
    pending.on('error', reject);
    pending.on('response', (response: { status: number; headers: Record<string, string | string[] | undefined> }) => {
      const web = Readable.toWeb(body) as NodeReadableStream<Uint8Array>;
      resolve({ status: response.status, headers: response.headers, reader: new SseReader(web as unknown as ReadableStream<Uint8Array>) });
    });
    pending.pipe(body);
  });
}
