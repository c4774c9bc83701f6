import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { decodeBridgeMessage, encodeBridgeMessage } from '../../preload/bridge-codec';
import { contentSecurityPolicy } from '../core/security/csp';
import { isTrustedSender } from '../core/security/sender';
import type { Core } from '../core/app';
import { detach } from '../core/async/detach';
import type { Logger } from '../core/log/logger';
import { bridgeCallSchema, bridgeMetaName, bridgePath } from './bridge-protocol';
import { readStaticFile } from '../core/fs/static-files';

/** Options of the headless host's web server. */
export interface HeadlessServerOptions {
  core: Core;
  /** The built renderer (`out/web`). */
  webRoot: string;
  log: Logger;
  port?: number;
}

/** A running headless host: its page URL, its token, and how to stop it. */
export interface HeadlessServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves the built renderer on 127.0.0.1 and carries the contract over a WebSocket. A
 * connection must present this launch's random token and come from this server's own
 * origin; every call then goes through the same router as Electron's IPC.
 */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { core, webRoot, log } = options;
  const token = randomBytes(24).toString('base64url');
  let origin = '';
  const sockets = new Set<WebSocket>();
  const connections = new Set<Socket>();

  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    const file = request.method === 'GET' ? await readStaticFile(webRoot, url.pathname) : null;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    let body: Buffer | string = file.body;
    if (file.contentType.startsWith('text/html')) {
      const wsUrl = `${origin.replace('http:', 'ws:')}${bridgePath}?token=${token}`;
      body = file.body
        .toString('utf8')
        .replace('<head>', `<head><meta name="${bridgeMetaName}" content="${wsUrl}">`);
    }
    response.writeHead(200, {
      'content-type': file.contentType,
      'content-security-policy': contentSecurityPolicy([origin.replace('http:', 'ws:')]),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    response.end(body);
  };
  const server: Server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      log.error('could not answer a request', { error: String(error) });
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    const trusted =
      url.pathname === bridgePath &&
      sameToken(url.searchParams.get('token'), token) &&
      isTrustedSender({ url: request.headers.origin ?? '', isMainFrame: true }, [origin]);
    if (!trusted) {
      log.warn('rejected bridge connection', { origin: String(request.headers.origin ?? '') });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => attach(ws));
  });

  const attach = (ws: WebSocket) => {
    sockets.add(ws);
    const stop = core.events.listen((event, payload) => {
      ws.send(encodeBridgeMessage({ event, payload }));
    });
    ws.on('close', () => {
      sockets.delete(ws);
      stop();
    });
    ws.on('message', (data) => detach(log, 'answering a bridge call', answer(data)));
    const answer = async (data: RawData) => {
      let call;
      try {
        call = bridgeCallSchema.parse(decodeBridgeMessage(data.toString()));
      } catch {
        log.warn('rejected malformed bridge message');
        ws.close(1008, 'malformed message');
        return;
      }
      const result = await core.router.dispatch(call.channel, call.payload);
      if (ws.readyState === ws.OPEN) ws.send(encodeBridgeMessage({ id: call.id, result }));
    };
  };

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/`,
    token,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      for (const socket of connections) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
