import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { contentSecurityPolicy } from '../core/security/csp';
import { isTrustedSender } from '../core/security/sender';
import type { Core } from '../core/app';
import { detach } from '../core/async/detach';
import type { Logger } from '../core/log/logger';
import { HostAccess, parseTarget, secretParam } from './access';
import { bridgeMetaName, bridgePath, heartbeatAttribute } from './bridge-protocol';
import type { BridgeSockets } from './bridge-socket';
import { readStaticFile } from '../core/fs/static-files';
import { firstAnswers, isShellPage, shellPageParts } from '../core/first-answers';
import {
  acceptedLanguages,
  firstScreenPainter,
  type FirstScreenPainter,
} from '../core/first-paint';

/** Options of the headless host's web server. */
export interface HeadlessServerOptions {
  /**
   * The core, or the core still being made: the server listens at once, and a page asked for
   * or a bridge opened before the core is there waits for it.
   */
  core: Core | Promise<Core>;
  /** The built renderer (`out/web`). */
  webRoot: string;
  log: Logger;
  port?: number;
  /** How often the bridge says it is alive (the page gives up after three missed beats). */
  heartbeatMs?: number;
  /** Paints signed-in users' first screens (tests give their own). */
  painter?: FirstScreenPainter;
}

/** A running headless host: the link to open it, and how to stop it. */
export interface HeadlessServer {
  /** The link printed at start: this origin with a one-time secret. */
  url: string;
  /** `http://127.0.0.1:<port>`, which refuses everyone without the session cookie. */
  origin: string;
  /** A fresh one-time link to `path` (tests open several pages; a lost cookie needs one). */
  launchUrl(path?: string): string;
  close(): Promise<void>;
}

/** The bridge's default heartbeat interval. */
export const defaultHeartbeatMs = 1500;

const refusal = {
  badRequest: 'Bad request',
  misdirected: 'This address is not the Kamifax host.',
  usedLink:
    'This Kamifax link was already used or is not valid. Open the link printed when Kamifax started, or restart it for a new one.',
  noSession: 'Open Kamifax with the link printed when it started (npm run start:web).',
} as const;

/** A build file whose name carries its content hash (Vite's `assets/<name>-<hash>.<ext>`). */
const hashedAsset = /^\/assets\/[\w.-]+-[\w-]{8}\.(?:js|mjs|css|svg|png|woff2)$/;

/**
 * The page (it carries the bridge's address) and every other file: never stored. A hashed
 * build file never changes under its name, so the browser may keep it (only for this user,
 * `private`) and with it V8's compiled code, which a reload or a new browser session then
 * reuses. Reaching the host at all still needs the session cookie and our Host.
 */
function cacheControl(pathname: string): string {
  return hashedAsset.test(pathname) ? 'private, max-age=31536000, immutable' : 'no-store';
}

function refuse(response: ServerResponse, status: number, text: string): void {
  response
    .writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'close',
    })
    .end(text);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Serves the built renderer on 127.0.0.1 and carries the contract over a WebSocket. Only the
 * person who started the host gets in (see `HostAccess`); a request no parser accepts gets a
 * 400 and the host goes on; a heartbeat lets the page notice within seconds that the host
 * has gone. Every call then goes through the same router as Electron's IPC.
 */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { webRoot, log } = options;
  const heartbeatMs = options.heartbeatMs ?? defaultHeartbeatMs;
  const ready = Promise.resolve(options.core);
  // A core that fails is the host's start failing (its caller reports it); a page waiting for
  // it gets the page without first answers, a bridge a refusal.
  ready.catch(() => undefined);
  const access = new HostAccess();
  let origin = '';
  const connections = new Set<Socket>();
  // The first screen drawn into a signed-in user's page (loads once the core is there).
  const painter = options.painter ?? firstScreenPainter(log.child('first-paint'));
  // The bridge (ws, the call's schema) loads after the first page is sent, or at the first
  // connection: the page needs it only once its scripts run.
  let bridge: Promise<BridgeSockets> | null = null;
  const loadBridge = () =>
    (bridge ??= Promise.all([ready, import('./bridge-socket')]).then(([core, module]) =>
      module.bridgeSockets(core, log, heartbeatMs),
    ));

  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const url = parseTarget(request.url);
    if (!url) return refuse(response, 400, refusal.badRequest);
    const host = request.headers.host;
    if (!access.hostAllowed(host)) return refuse(response, 421, refusal.misdirected);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refuse(response, 405, refusal.badRequest);
    const secret = url.searchParams.get(secretParam);
    if (secret !== null) {
      if (!access.redeem(secret)) return refuse(response, 403, refusal.usedLink);
      url.searchParams.delete(secretParam);
      // The secret leaves the address bar and history at once; the cookie stays.
      response
        .writeHead(303, {
          location: `${url.pathname}${url.search}`,
          'set-cookie': access.sessionCookieHeader(),
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
        })
        .end();
      return;
    }
    if (!access.hasSession(request.headers.cookie)) return refuse(response, 403, refusal.noSession);
    const file = await readStaticFile(webRoot, url.pathname);
    if (!file) return refuse(response, 404, 'Not found');
    const bridgeOrigin = `ws://${host}`;
    let body: Buffer | string = file.body;
    if (file.contentType.startsWith('text/html')) {
      const meta = `<meta name="${bridgeMetaName}" content="${bridgeOrigin}${bridgePath}" ${heartbeatAttribute}="${heartbeatMs}">`;
      body = file.body.toString('utf8').replace('<head>', `<head>${meta}`);
    }
    response.writeHead(200, {
      'content-type': file.contentType,
      'content-security-policy': contentSecurityPolicy([bridgeOrigin]),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': cacheControl(url.pathname),
    });
    if (request.method === 'HEAD') return void response.end();
    if (typeof body !== 'string' || !isShellPage(url.pathname)) return void response.end(body);
    // A signed-in user's page carries the inbox's first window and what the shell needs before
    // it, so its first rows never wait for the bridge. The page up to them goes at once (the
    // scripts load meanwhile), the rest when main has answered (after a restore under way).
    const languages = acceptedLanguages(request.headers['accept-language']);
    const page = shellPageParts(
      body,
      ready.then((core) => firstAnswers(core)),
      (answers) => painter.paint(answers, languages),
    );
    response.write(page.now);
    response.end(await page.later);
    setImmediate(() => detach(log, 'loading the bridge', loadBridge()));
  };

  const server: Server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      log.error('could not answer a request', { error: String(error) });
      if (!response.headersSent) refuse(response, 500, 'Internal error');
      else response.destroy();
    });
  });
  // A request line Node's parser refuses: answer 400 and drop that connection only.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = parseTarget(request.url);
    if (!url) return refuseUpgrade(socket, '400 Bad Request');
    const host = request.headers.host;
    const trusted =
      url.pathname === bridgePath &&
      access.hostAllowed(host) &&
      access.hasSession(request.headers.cookie) &&
      isTrustedSender({ url: request.headers.origin ?? '', isMainFrame: true }, [`http://${host}`]);
    if (!trusted) {
      log.warn('rejected bridge connection', { origin: String(request.headers.origin ?? '') });
      return refuseUpgrade(socket, '403 Forbidden');
    }
    detach(
      log,
      'opening a bridge connection',
      loadBridge().then(
        (sockets) => sockets.accept(request, socket, head),
        (error: unknown) => {
          log.error('could not open the bridge', { error: String(error) });
          refuseUpgrade(socket, '500 Internal Server Error');
        },
      ),
    );
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  access.listening(port);
  // The first screen's renderer loads once the link is out and the core is there (a task
  // later), while the restore waits on the service and the browser opens its page: not on the
  // page's path, as when it loaded at the page's request, nor amid the core's own loading.
  detach(
    log,
    'waiting for the core',
    ready.then(
      () => void setImmediate(() => painter.start()),
      () => undefined,
    ),
  );
  origin = `http://127.0.0.1:${port}`;
  const launchUrl = (path = '/') => {
    const url = new URL(path, `${origin}/`);
    url.searchParams.set(secretParam, access.issueSecret());
    return url.href;
  };

  return {
    url: launchUrl(),
    origin,
    launchUrl,
    async close() {
      const sockets = bridge ? await bridge.catch(() => null) : null;
      sockets?.close();
      for (const socket of connections) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
