import type { ServiceLocation } from './session-prefs';
import { AppError } from '../rpc/app-error';

/** Starts and stops the embedded reference service (the "local demo service"). */
export interface LocalServiceLauncher {
  /** Starts it once on loopback with demo data; returns its base URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Checks a service address the user typed: https anywhere, plain http only on this machine
 * (a self-hosted service under development). Returns the normalised base URL.
 */
export function vetServiceUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new AppError('refused_url', 'Not a valid address');
  }
  const secure = url.protocol === 'https:';
  const loopback = url.protocol === 'http:' && loopbackHosts.has(url.hostname);
  if ((!secure && !loopback) || url.username || url.password || url.search || url.hash) {
    throw new AppError('refused_url', 'The service address must be https');
  }
  return url.href.replace(/\/+$/, '');
}

/** Resolves where each account's service is, starting the embedded one on first need. */
export class ServiceDirectory {
  private local: Promise<string> | null = null;

  constructor(private readonly launcher: LocalServiceLauncher) {}

  /** The base URL to call. */
  async baseUrl(service: ServiceLocation): Promise<string> {
    if (service.kind === 'remote') return vetServiceUrl(service.url);
    this.local ??= this.launcher.start().catch((error: unknown) => {
      this.local = null;
      throw error;
    });
    return this.local;
  }

  /** Stops the embedded service if it was started. */
  async stop(): Promise<void> {
    if (this.local) await this.launcher.stop();
    this.local = null;
  }
}
