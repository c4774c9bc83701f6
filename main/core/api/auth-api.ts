import type { HttpClient } from './http-client';
import type { TokenPair } from '../session/token-keeper';
import type { WireSignUp, WireTokenPair } from './wire';

/** The service's sign-in endpoints, which carry no bearer token. */
export class AuthApi {
  constructor(private readonly http: HttpClient) {}

  /** Exchanges e-mail and password for a token pair. */
  async login(email: string, password: string, signal?: AbortSignal): Promise<TokenPair> {
    const { data } = await this.http.request<WireTokenPair>({
      method: 'POST',
      path: '/v1/auth/login',
      body: { email, password },
      auth: false,
      signal,
    });
    return { accessToken: data.accessToken, refreshToken: data.refreshToken };
  }

  /** Rotates the refresh token. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const { data } = await this.http.request<WireTokenPair>({
      method: 'POST',
      path: '/v1/auth/refresh',
      body: { refreshToken },
      auth: false,
    });
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
