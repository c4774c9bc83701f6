import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../main/core/inbox/sse-parser';

describe('SseParser', () => {
  it('parses events with ids, names and multi-line data', () => {
    const parser = new SseParser();
    const events = parser.push(
      'id: 1\nevent: fax.received\ndata: {"a":\ndata: 1}\n\n: heartbeat\n\nid: 2\ndata: x\n\n',
    );
    expect(events).toEqual([
      { id: '1', event: 'fax.received', data: '{"a":\n1}' },
      { id: '2', event: 'message', data: 'x' },
    ]);
  });

  it('handles chunks split anywhere, CRLF split across chunks included', () => {
    const parser = new SseParser();
    const stream = 'id: 7\r\nevent: fax.status\r\ndata: {"id":"f1"}\r\n\r\n';
    const events = [];
    for (const char of stream) events.push(...parser.push(char));
    expect(events).toEqual([{ id: '7', event: 'fax.status', data: '{"id":"f1"}' }]);
  });

  it('keeps the last id for events without one', () => {
    const parser = new SseParser();
    expect(parser.push('id: 5\ndata: a\n\ndata: b\n\n').map((e) => e.id)).toEqual(['5', '5']);
  });
});
