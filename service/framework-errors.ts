import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

const body = (code: string, message: string) => JSON.stringify({ error: { code, message } });

/**
 * Errors Fastify meets before a route runs (a URL that is not valid percent-encoding, a path
 * parameter over 100 characters), answered in the service's one error shape instead of
 * Fastify's own.
 */
export function frameworkErrors(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error.code === 'FST_ERR_BAD_URL') {
    reply
      .code(400)
      .type('application/json')
      .send(body('invalid_request', 'The URL is not valid percent-encoded UTF-8'));
    return;
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply
      .code(414)
      .type('application/json')
      .send(body('invalid_request', 'A path segment is longer than 100 characters'));
    return;
  }
  reply
    .code(500)
    .type('application/json')
    .send(body('internal', 'Something went wrong on the service'));
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a NUL or other control
 * character in a header, headers or a request line over 16 kB, a malformed request line, a
 * bad Content-Length), answered in the same shape, then the connection is closed as Node does.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let message = 'The request is not valid HTTP';
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    message = 'The request line and headers are limited to 16 kB';
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    message = 'The request took too long to arrive';
  } else if (error.code === 'HPE_INVALID_HEADER_TOKEN') {
    message = 'A header contains a character that is not allowed';
  }
  const text = body('invalid_request', message);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
