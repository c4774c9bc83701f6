import axios, {
  type AxiosInstance,
  type AxiosProgressEvent,
  type AxiosResponse,
  type RawAxiosRequestHeaders,
} from 'axios';
import type { Logger } from '../log/logger';
import {
  backoffDelay,
  defaultRetryPolicy,
  isRepeatable,
  isRetryableStatus,
  retryAfterMs,
  type RetryPolicy,
} from './retry-policy';
import { ServiceError, toServiceError } from './service-error';

/** Hands out the current access token and renews it; renewal is single-flight. */
export interface AccessTokens {
  current(): string | null;
  /** Renews the access token once however many callers ask at the same time. */
  renew(): Promise<string>;
}

/** One call to the service. */
export interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: RawAxiosRequestHeaders;
  /** Makes a POST safe to retry; the service answers a repeated key with the first answer. */
  idempotencyKey?: string;
  responseType?: 'json' | 'arraybuffer';
  signal?: AbortSignal;
  timeoutMs?: number;
  /** False for sign-in and sign-up, which carry no bearer token. */
  auth?: boolean;
  onUploadProgress?: (event: AxiosProgressEvent) => void;
  onDownloadProgress?: (event: AxiosProgressEvent) => void;
}

/** A successful answer. */
export interface ServiceResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string>;
}

/** Dependencies and tuning of the client. */
export interface HttpClientOptions {
  baseUrl: string;
  log: Logger;
  tokens?: AccessTokens;
  timeoutMs?: number;
  retry?: RetryPolicy;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ServiceError('cancelled', 'The request was cancelled'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new ServiceError('cancelled', 'The request was cancelled'));
      },
      { once: true },
    );
  });
}

/**
 * The service's HTTP client: timeouts, cancellation, progress, a token renewal on 401, and
 * full-jitter retries for requests that are safe to repeat. Every failure is a ServiceError.
 */
export class HttpClient {
  private readonly http: AxiosInstance;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: HttpClientOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 15_000,
      // A redirect could carry the bearer token to another host; the API never redirects.
      maxRedirects: 0,
      proxy: false,
      maxContentLength: 64 * 1024 * 1024,
      maxBodyLength: 64 * 1024 * 1024,
    });
    this.retry = options.retry ?? defaultRetryPolicy;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? abortableSleep;
  }

  /** Sends a request, renewing the token or retrying as the rules allow. */
  async request<T>(request: RequestOptions): Promise<ServiceResponse<T>> {
    const repeatable = isRepeatable(request.method, request.idempotencyKey);
    let renewed = false;
    for (let attempt = 0; ; attempt += 1) {
      const token = request.auth === false ? null : (this.options.tokens?.current() ?? null);
      try {
        const response = await this.send<T>(request, token);
        return { status: response.status, data: response.data, headers: flatHeaders(response) };
      } catch (thrown: unknown) {
        const error = toServiceError(thrown);
        if (error.code === 'cancelled') throw error;
        if (error.status === 401 && request.auth !== false && this.options.tokens && !renewed) {
          renewed = true;
          // Another request may already have renewed the token we used; then just retry.
          if (this.options.tokens.current() === token) await this.renewOrSignOut();
          attempt -= 1;
          continue;
        }
        if (error.status === 401 && request.auth !== false) {
          throw new ServiceError('signed_out', 'The service no longer accepts this sign-in', 401);
        }
        const transient =
          error.status === undefined
            ? error.code === 'service_unreachable'
            : isRetryableStatus(error.status);
        if (!repeatable || !transient || attempt + 1 >= this.retry.attempts) throw error;
        const wait = Math.max(
          backoffDelay(this.retry, attempt, this.random),
          error.retryAfterMs ?? 0,
        );
        this.options.log.debug('retrying', {
          path: request.path,
          attempt: attempt + 1,
          wait,
          code: error.code,
        });
        await this.sleep(wait, request.signal);
      }
    }
  }

  private async renewOrSignOut(): Promise<void> {
    try {
      await this.options.tokens!.renew();
    } catch (thrown: unknown) {
      const error = toServiceError(thrown);
      if (error.status === 401 || error.code === 'signed_out' || error.status === 400) {
        throw new ServiceError('signed_out', 'The sign-in has expired or was revoked', 401);
      }
      throw error;
    }
  }

  private async send<T>(request: RequestOptions, token: string | null): Promise<AxiosResponse<T>> {
    const headers: RawAxiosRequestHeaders = { accept: 'application/json', ...request.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    try {
      return await this.http.request<T>({
        method: request.method,
        url: request.path,
        params: request.query,
        data: request.body,
        headers,
        responseType: request.responseType ?? 'json',
        signal: request.signal,
        timeout: request.timeoutMs,
        onUploadProgress: request.onUploadProgress,
        onDownloadProgress: request.onDownloadProgress,
      });
    } catch (thrown: unknown) {
      const error = toServiceError(thrown);
      const header = axios.isAxiosError(thrown)
        ? thrown.response?.headers['retry-after']
        : undefined;
      const after = retryAfterMs(header, Date.now());
      throw after === null
        ? error
        : new ServiceError(error.code, error.message, error.status, after);
    }
  }
}

function flatHeaders(response: AxiosResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(response.headers ?? {})) {
    if (typeof value === 'string') out[key.toLowerCase()] = value;
    else if (typeof value === 'number') out[key.toLowerCase()] = String(value);
  }
  return out;
}
