import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie that proves a browser was opened with this launch's secret link. */
export const sessionCookie = 'kamifax_session';

/** The query parameter of the secret link printed at start. */
export const secretParam = 'secret';

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads one cookie from a `Cookie` header (no library: one name, opaque value). */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** A request target as a URL, or null for one no URL parser accepts (`GET http://[`). */
export function parseTarget(raw: string | undefined): URL | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    return new URL(raw, 'http://kamifax.invalid');
  } catch {
    return null;
  }
}

/**
 * Who may use the headless host: only the person who started it. The host prints a link
 * with a one-time secret; the first load exchanges it for an HttpOnly, SameSite=Strict
 * cookie, and the page and the bridge refuse anyone without that cookie. The Host header
 * must name the loopback address the host listens on, so a DNS-rebound name cannot reach it.
 */
export class HostAccess {
  private readonly session = randomBytes(32).toString('base64url');
  private readonly secrets = new Set<string>();
  private hosts: ReadonlySet<string> = new Set();

  /** Called once the port is known. */
  listening(port: number): void {
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  /** A new one-time secret for a launch link. */
  issueSecret(): string {
    const secret = randomBytes(24).toString('base64url');
    this.secrets.add(secret);
    return secret;
  }

  /** Uses up a secret: true once for each issued one, false for anything else. */
  redeem(given: string): boolean {
    for (const secret of this.secrets) {
      if (same(given, secret)) {
        this.secrets.delete(secret);
        return true;
      }
    }
    return false;
  }

  /** Whether the Host header names this host (not another name resolving to 127.0.0.1). */
  hostAllowed(host: string | undefined): host is string {
    return host !== undefined && this.hosts.has(host.toLowerCase());
  }

  /** Whether the request carries this run's session cookie. */
  hasSession(cookieHeader: string | undefined): boolean {
    const given = readCookie(cookieHeader, sessionCookie);
    return given !== null && same(given, this.session);
  }

  /** The `Set-Cookie` value that hands the session to the browser that redeemed a secret. */
  sessionCookieHeader(): string {
    return `${sessionCookie}=${this.session}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
