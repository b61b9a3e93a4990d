/**
 * A small parser of the text/event-stream format (the subset the gateway writes, read the way
 * the HTML standard says): lines end with \n, \r\n or \r; `event:` names the event, `data:`
 * lines are joined with \n, a blank line dispatches, `:` starts a comment, one space after the
 * colon is dropped. Chunks may split anywhere, even between \r and \n.
 */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

export class SseParser {
  private buffer = '';
  private pendingCr = false;
  private eventName = '';
  private dataLines: string[] = [];
  private lastId: string | undefined;

  /** Feeds a chunk of text and returns the events completed by it. */
  push(chunk: string): SseEvent[] {
    const events: SseEvent[] = [];
    let text = chunk;
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A lone \r at the very end may be the first half of \r\n: take the line, skip a following \n.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) this.pendingCr = true;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventName = value;
    else if (field === 'data') this.dataLines.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const event: SseEvent | undefined =
      this.dataLines.length === 0
        ? undefined
        : { event: this.eventName || 'message', data: this.dataLines.join('\n'), ...(this.lastId === undefined ? {} : { id: this.lastId }) };
    this.eventName = '';
    this.dataLines = [];
    return event;
  }
}
