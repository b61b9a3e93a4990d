/**
 * Reads a Server-Sent Events body (what fetch() gives: a ReadableStream of bytes) one message
 * at a time, for tests of the gateway's intent streams, on Node or in a browser. The gateway
 * is read with fetch rather than EventSource because it wants the bearer header.
 */

/** An event (`event:` and its `data:` lines joined by newlines), or a comment line (`: keep-alive`). */
export type SseMessage = { kind: 'event'; event: string; data: string } | { kind: 'comment'; text: string };

export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = '';
  private readonly ready: SseMessage[] = [];
  private done = false;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** The next message; undefined once the server ended the stream. Throws when none comes in time. */
  async next(timeoutMs = 10_000): Promise<SseMessage | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.ready.length === 0 && !this.done) await this.pull(deadline - Date.now());
    return this.ready.shift();
  }

  /** The next event, comments skipped; undefined at the end of the stream. */
  async nextEvent(timeoutMs = 10_000): Promise<Extract<SseMessage, { kind: 'event' }> | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = await this.next(Math.max(1, deadline - Date.now()));
      if (message === undefined || message.kind === 'event') return message;
    }
  }

  /** Every event up to the end of the stream (comments skipped); throws if it does not end in time. */
  async eventsUntilEnd(timeoutMs = 10_000): Promise<Array<Extract<SseMessage, { kind: 'event' }>>> {
    const deadline = Date.now() + timeoutMs;
    const events: Array<Extract<SseMessage, { kind: 'event' }>> = [];
    for (;;) {
      const event = await this.nextEvent(Math.max(1, deadline - Date.now()));
      if (event === undefined) return events;
      events.push(event);
    }
  }

  /** Hangs up (the client closing the connection). */
  async cancel(): Promise<void> {
    this.done = true;
    await this.reader.cancel().catch(() => undefined);
  }

  private async pull(timeoutMs: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no server-sent event within the time allowed`)), Math.max(1, timeoutMs));
    });
    try {
      const chunk = await Promise.race([this.reader.read(), timeout]);
      if (chunk.done) {
        this.done = true;
        this.parse(this.buffer + '\n\n');
        this.buffer = '';
        return;
      }
      this.buffer += this.decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, '\n');
      const end = this.buffer.lastIndexOf('\n\n');
      if (end < 0) return;
      this.parse(this.buffer.slice(0, end + 2));
      this.buffer = this.buffer.slice(end + 2);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Complete blocks (each ended by a blank line) into messages, as the SSE format defines them. */
  private parse(text: string): void {
    for (const block of text.split('\n\n')) {
      if (block.trim() === '') continue;
      let event = 'message';
      const data: string[] = [];
      const comments: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comments.push(line.slice(1).trim());
        else if (line.startsWith('event:')) event = line.slice('event:'.length).trim();
        else if (line.startsWith('data:')) data.push(line.slice('data:'.length).replace(/^ /, ''));
      }
      if (data.length > 0) this.ready.push({ kind: 'event', event, data: data.join('\n') });
      else for (const comment of comments) this.ready.push({ kind: 'comment', text: comment });
    }
  }
}
