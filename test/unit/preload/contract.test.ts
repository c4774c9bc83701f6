import { describe, expect, it } from 'vitest';
import { createKamifaxApi } from '../../../preload/api';
import { decodeBridgeMessage, encodeBridgeMessage } from '../../../preload/bridge-codec';
import { channels, events, errorCodes, isChannel, type Channel } from '../../../preload/contract';
import { en } from '../../../renderer/src/i18n/messages/en';
import { ja } from '../../../renderer/src/i18n/messages/ja';

describe('the contract', () => {
  it('names every channel namespace:method once, with both schemas', () => {
    for (const [name, spec] of Object.entries(channels)) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*:[a-zA-Z]+$/);
      expect(spec.request).toBeDefined();
      expect(spec.response).toBeDefined();
    }
    expect(Object.keys(events).every((e) => /^[a-z][a-zA-Z]*:[a-zA-Z]+$/.test(e))).toBe(true);
  });

  it('does not take inherited names for channels', () => {
    expect(isChannel('toString')).toBe(false);
    expect(isChannel('app:info')).toBe(true);
  });

  it('has friendly text for every error code in both languages', () => {
    for (const code of errorCodes) {
      expect(en[`errors.${code}`]).toBeTruthy();
      expect(ja[`errors.${code}`]).toBeTruthy();
    }
  });

  it('derives one method per channel, and on() returns an unsubscribe function', async () => {
    const calls: [Channel, unknown][] = [];
    let unsubscribed = false;
    const api = createKamifaxApi({
      invoke: async (channel, request) => {
        calls.push([channel, request]);
        return { ok: true, value: null };
      },
      subscribe: () => () => {
        unsubscribed = true;
      },
    });
    await api.app.info();
    await api.app.ping({ nonce: 'x' });
    expect(calls).toEqual([
      ['app:info', {}],
      ['app:ping', { nonce: 'x' }],
    ]);
    const namespaces = new Set(Object.keys(channels).map((c) => c.split(':')[0]));
    for (const namespace of namespaces) expect(Object.keys(api)).toContain(namespace);
    const stop = api.on('settings:changed', () => {});
    stop();
    expect(unsubscribed).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
  });
});

describe('bridge codec', () => {
  it('carries bytes, Node Buffers included, as Uint8Array', () => {
    const bytes = new Uint8Array([0, 1, 2, 255, 37, 80, 68, 70]);
    const decoded = decodeBridgeMessage(
      encodeBridgeMessage({ a: bytes, b: Buffer.from(bytes), nested: [{ c: 'text' }] }),
    ) as { a: Uint8Array; b: Uint8Array; nested: unknown };
    expect(decoded.a).toBeInstanceOf(Uint8Array);
    expect([...decoded.a]).toEqual([...bytes]);
    expect([...decoded.b]).toEqual([...bytes]);
    expect(decoded.nested).toEqual([{ c: 'text' }]);
  });

  it('carries a large document intact', () => {
    const big = new Uint8Array(3 * 1024 * 1024).map((_v, i) => (i * 7) & 255);
    const back = decodeBridgeMessage(encodeBridgeMessage({ big })) as { big: Uint8Array };
    expect(back.big.length).toBe(big.length);
    expect(back.big[123457]).toBe(big[123457]);
  }, 30_000);

  it('sends a message without bytes as plain JSON, and the tag as text stays text', () => {
    const rows = [{ id: 'a', subject: '$kamifaxBytes', pages: 2, read: false, contactName: null }];
    const text = encodeBridgeMessage({ id: 1, result: { ok: true, value: { rows } } });
    expect(text).toBe(JSON.stringify({ id: 1, result: { ok: true, value: { rows } } }));
    expect(decodeBridgeMessage(text)).toEqual({ id: 1, result: { ok: true, value: { rows } } });
    // Bytes deep in a message still take the tagged form.
    const deep = decodeBridgeMessage(
      encodeBridgeMessage({ result: { value: { list: [{ doc: new Uint8Array([7]) }] } } }),
    ) as { result: { value: { list: Array<{ doc: Uint8Array }> } } };
    expect(deep.result.value.list[0]!.doc).toBeInstanceOf(Uint8Array);
  });
});
