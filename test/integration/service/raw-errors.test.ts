import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { serviceErrorCodes } from '../../../service/errors';
import { serviceSuite } from './helpers';

const suite = serviceSuite();

/** Sends bytes as they are over a socket (fetch would refuse or fix most of these) and reads the answer. */
function raw(url: string, request: string | Buffer): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

const get = (path: string, headers = '') =>
  `GET ${path} HTTP/1.1\r\nHost: x\r\n${headers}Connection: close\r\n\r\n`;
const post = (path: string, type: string, body: string) =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;

describe('every error answer has the documented shape', () => {
  it('answers malformed requests, bad URLs and oversized headers with {error: {code, message}}', async () => {
    const { service } = await suite.start();
    const cases: [string, string | Buffer, number][] = [
      ['a path id over 100 characters', get(`/v1/faxes/${'a'.repeat(150)}`), 414],
      ['bad percent-encoding', get('/v1/faxes/%E0%A4%A'), 400],
      ['a % not followed by hex', get('/v1/%zz'), 400],
      ['a NUL in a header', Buffer.from(get('/v1/account', 'X-Note: a\u0000b\r\n'), 'latin1'), 400],
      ['a 40 kB header', get('/v1/account', `X-Note: ${'a'.repeat(40_000)}\r\n`), 431],
      ['a 100 kB URL', get(`/v1/${'a'.repeat(100_000)}`), 431],
      [
        'an unknown method',
        'BREW /v1/account HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
        400,
      ],
      ['not HTTP at all', 'hello\r\n\r\n', 400],
      [
        'a bad Content-Length',
        'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n',
        400,
      ],
      ['malformed JSON', post('/v1/auth/login', 'application/json', '{"email":'), 400],
      ['another content type', post('/v1/auth/login', 'text/plain', 'hi'), 400],
      ['a wrong method on a route', get('/v1/auth/login'), 404],
      ['no token', get('/v1/account'), 401],
      ['a bad query', get('/v1/faxes?limit=abc', 'Authorization: Bearer x\r\n'), 400],
    ];
    for (const [name, request, status] of cases) {
      const answer = await raw(service.url, request);
      expect(answer.status, name).toBe(status);
      const parsed = JSON.parse(answer.body) as { error: { code: string; message: string } };
      expect(Object.keys(parsed), name).toEqual(['error']);
      expect(serviceErrorCodes, name).toContain(parsed.error.code);
      expect(parsed.error.message.length, name).toBeGreaterThan(0);
    }
  });
});
