import type { PrivacySettingName } from '../../../preload/privacy-contract';
import type { AccessTokens, HttpClient, RequestOptions } from '../api/http-client';
import { ServiceError } from '../api/service-error';
import { AppError } from '../rpc/app-error';
import type { components, paths } from '../api/openapi-types';
import type { WireAccount } from '../api/wire';

/** The service's privacy state (settings, version, rules). */
export type WirePrivacy = components['schemas']['PrivacyState'];
/** An export or deletion request. */
export type WirePrivacyRequest = components['schemas']['PrivacyRequest'];
/** The current policy. */
export type WirePolicy =
  paths['/v1/privacy/policy']['get']['responses'][200]['content']['application/json'];
/** The new uses of data and their answers. */
export type WireConsents =
  paths['/v1/privacy/consents']['get']['responses'][200]['content']['application/json'];
/** What `PATCH /v1/account` takes. */
export type WireProfilePatch =
  paths['/v1/account']['patch']['requestBody']['content']['application/json'];

/** The privacy feature's service calls over the account's HTTP client. */
export class PrivacyApi {
  constructor(
    private readonly http: HttpClient,
    private readonly tokens: AccessTokens,
  ) {}

  /**
   * A call that re-checks the password. The service answers a wrong password with 401, which
   * the shared client would take for an expired sign-in; so the token is freshened first and
   * this one call carries it itself, and its 401 means only "wrong password".
   */
  private async withPassword<T>(request: RequestOptions): Promise<T> {
    await this.http.request({ method: 'GET', path: '/v1/privacy' });
    const token = this.tokens.current();
    try {
      const { data } = await this.http.request<T>({
        ...request,
        auth: false,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return data;
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'invalid_credentials')
        throw new AppError('password_incorrect', 'The password is wrong');
      throw error;
    }
  }

  /** Settings, version and the plan's rules. */
  async privacy(): Promise<WirePrivacy> {
    return (await this.http.request<WirePrivacy>({ method: 'GET', path: '/v1/privacy' })).data;
  }

  /** Changes settings on top of `version` (412 when the service moved on, 422 on a plan rule). */
  async putPrivacy(
    version: number,
    settings: Partial<Record<PrivacySettingName, boolean>>,
  ): Promise<WirePrivacy> {
    const { data } = await this.http.request<WirePrivacy>({
      method: 'PUT',
      path: '/v1/privacy',
      body: { settings },
      headers: { 'if-match': `"${version}"` },
    });
    return data;
  }

  /** The current policy and whether this account accepted it. */
  async policy(): Promise<WirePolicy> {
    return (await this.http.request<WirePolicy>({ method: 'GET', path: '/v1/privacy/policy' }))
      .data;
  }

  /** Accepts a policy version (409 when it is no longer current). */
  async acceptPolicy(version: number): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: '/v1/privacy/policy/acceptances',
      body: { version },
    });
  }

  /** New uses of data, each with the account's answer or null. */
  async consents(): Promise<WireConsents['consents']> {
    return (await this.http.request<WireConsents>({ method: 'GET', path: '/v1/privacy/consents' }))
      .data.consents;
  }

  /** Answers yes or no to a new use of data. */
  async answerConsent(id: string, granted: boolean): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `/v1/privacy/consents/${encodeURIComponent(id)}`,
      body: { granted },
    });
  }

  /** The account: profile, plan, policy versions. */
  async account(): Promise<WireAccount> {
    return (await this.http.request<WireAccount>({ method: 'GET', path: '/v1/account' })).data;
  }

  /** Corrects the profile; a null demographic clears it. */
  async updateProfile(patch: WireProfilePatch): Promise<WireAccount> {
    return (
      await this.http.request<WireAccount>({ method: 'PATCH', path: '/v1/account', body: patch })
    ).data;
  }

  /** Asks for an export or a deletion (the password is checked again). */
  async request(type: 'export' | 'deletion', password: string): Promise<WirePrivacyRequest> {
    return this.withPassword<WirePrivacyRequest>({
      method: 'POST',
      path: '/v1/privacy/requests',
      body: { type, password },
    });
  }

  /** Downloads a ready export as bytes, reporting progress. */
  async downloadExport(
    id: string,
    progress: (loaded: number, total: number | null) => void,
  ): Promise<Uint8Array> {
    const { data } = await this.http.request<ArrayBuffer>({
      method: 'GET',
      path: `/v1/privacy/requests/${encodeURIComponent(id)}/download`,
      responseType: 'arraybuffer',
      onDownloadProgress: (event) => progress(event.loaded, event.total ?? null),
    });
    return new Uint8Array(data);
  }

  /** Terminates the account now. */
  async cancelAccount(password: string): Promise<void> {
    await this.withPassword({ method: 'POST', path: '/v1/account/cancel', body: { password } });
  }

  /** Blocked senders. */
  async blocked(): Promise<string[]> {
    return (
      await this.http.request<{ numbers: string[] }>({ method: 'GET', path: '/v1/blocked-numbers' })
    ).data.numbers;
  }

  /** Blocks a sender. */
  async block(number: string): Promise<string[]> {
    return (
      await this.http.request<{ numbers: string[] }>({
        method: 'POST',
        path: '/v1/blocked-numbers',
        body: { number },
      })
    ).data.numbers;
  }

  /** Unblocks a sender. */
  async unblock(number: string): Promise<string[]> {
    return (
      await this.http.request<{ numbers: string[] }>({
        method: 'DELETE',
        path: `/v1/blocked-numbers/${encodeURIComponent(number)}`,
      })
    ).data.numbers;
  }
}
