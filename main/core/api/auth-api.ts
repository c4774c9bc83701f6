import type { HttpClient } from './http-client';
import type { TokenPair } from '../session/token-keeper';
import type { WireSignUp } from './wire';
import { checkWire, wireTokenPairSchema } from './wire-schemas';

/** The service's sign-in endpoints, which carry no bearer token. */
export class AuthApi {
  constructor(private readonly http: HttpClient) {}

  /** Exchanges e-mail and password for a token pair. */
  async login(email: string, password: string, signal?: AbortSignal): Promise<TokenPair> {
    const response = await this.http.request<unknown>({
      method: 'POST',
      path: '/v1/auth/login',
      body: { email, password },
      auth: false,
      signal,
    });
    const data = checkWire(wireTokenPairSchema, response.data, 'a sign-in');
    return { accessToken: data.accessToken, refreshToken: data.refreshToken };
  }

  /** Rotates the refresh token. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const response = await this.http.request<unknown>({
      method: 'POST',
      path: '/v1/auth/refresh',
      body: { refreshToken },
      auth: false,
    });
    const data = checkWire(wireTokenPairSchema, response.data, 'a renewed sign-in');
    return { accessToken: data.accessToken, refreshToken: data.refreshToken };
  }

  /** Revokes the refresh token's family on the service. */
  async logout(refreshToken: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: '/v1/auth/logout',
      body: { refreshToken },
      auth: false,
    });
  }

  /** Creates a trial account. */
  async signUp(request: WireSignUp): Promise<void> {
    await this.http.request({ method: 'POST', path: '/v1/accounts', body: request, auth: false });
  }
}
