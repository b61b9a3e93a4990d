import { SseParser } from '../src/lib/sse';

describe('SseParser', () => {
  it('reads named events separated by a blank line', () => {
    const parser = new SseParser();
    expect(parser.push('event: intent\ndata: {"a":1}\n\nevent: intent\ndata: {"a":2}\n\n')).toEqual([
      { event: 'intent', data: '{"a":1}' },
      { event: 'intent', data: '{"a":2}' },
    ]);
  });

  it('keeps an event split across chunks anywhere until its blank line', () => {
    const parser = new SseParser();
    const text = 'event: intent\ndata: {"id":"x","status":"CREATED"}\n\n';
    const events = [];
    for (const char of text) events.push(...parser.push(char));
    expect(events).toEqual([{ event: 'intent', data: '{"id":"x","status":"CREATED"}' }]);
  });

  it('accepts \\r\\n and \\r line ends, even with \\r\\n split between chunks', () => {
    const parser = new SseParser();
    expect(parser.push('event: intent\r')).toEqual([]);
    expect(parser.push('\ndata: 1\r\n\r')).toEqual([{ event: 'intent', data: '1' }]);
    expect(parser.push('\nevent: intent\rdata: 2\r\r')).toEqual([{ event: 'intent', data: '2' }]);
  });

  it('joins data lines with \\n, ignores comments and unknown fields, defaults the name to message', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\nretry: 1000\nfoo: bar\ndata: one\ndata:two\ndata\n\n')).toEqual([{ event: 'message', data: 'one\ntwo\n' }]);
  });

  it('dispatches nothing for a block without data, and resets the name after each block', () => {
    const parser = new SseParser();
    expect(parser.push('event: intent\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('drops only one space after the colon and keeps the last id', () => {
    const parser = new SseParser();
    expect(parser.push('id: 7\ndata:  padded\n\n')).toEqual([{ event: 'message', data: ' padded', id: '7' }]);
  });

  it('holds an unterminated block until the stream says more', () => {
    const parser = new SseParser();
    expect(parser.push('event: intent\ndata: {}')).toEqual([]);
    expect(parser.push('\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'intent', data: '{}' }]);
  });
});
