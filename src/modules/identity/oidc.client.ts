import * as client from 'openid-client';
import { AppError } from '../../lib/errors.ts';
import type { OidcConfig } from '../../server/config.ts';

export type AuthorizationRequest = { url: URL; state: string; nonce: string; codeVerifier: string };

export type CodeExchange = {
  /** The redirect URI the flow was started with, plus the query string the provider sent back. */
  callbackUrl: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
};

export type ProviderClaims = { idToken: Record<string, unknown>; userinfo: Record<string, unknown> | null };

/**
 * The relying party: openid-client with discovery done once (and again after a failure, so a
 * provider that was down at boot is picked up later). Every protocol check — state, PKCE, the ID
 * token's signature, nonce, iss, aud, exp — is the library's; this class only maps its failures to
 * the error catalogue. Tokens never leave this class except as verified claims.
 */
export class OidcClient {
  private discovered: Promise<client.Configuration> | null = null;

  constructor(readonly config: OidcConfig) {}

  private configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const c = this.config;
      const auth = c.clientSecret ? client.ClientSecretBasic(c.clientSecret) : client.None();
      // http:// is allowed by the configuration check only for a provider on loopback.
      const options = c.issuer.startsWith('http://')
        ? { execute: [client.allowInsecureRequests] }
        : undefined;
      this.discovered = client.discovery(new URL(c.issuer), c.clientId, undefined, auth, options);
      this.discovered.catch(() => {
        this.discovered = null;
      });
    }
    // Whatever went wrong with discovery (network, bad metadata), sign-in cannot start now.
    return this.discovered.catch(() => {
      throw new AppError('oidc_provider_unavailable');
    });
  }

  async authorizationRequest(redirectUri: string): Promise<AuthorizationRequest> {
    const configuration = await this.configuration();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.config.scopes,
      response_type: 'code',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code (with the PKCE verifier) and returns the verified ID token claims and userinfo. */
  async exchange(x: CodeExchange): Promise<ProviderClaims> {
    const configuration = await this.configuration();
    try {
      const tokens = await onceMoreOnNetworkFailure(() =>
        client.authorizationCodeGrant(configuration, x.callbackUrl, {
          pkceCodeVerifier: x.codeVerifier,
          expectedState: x.state,
          expectedNonce: x.nonce,
          idTokenExpected: true,
        }),
      );
      const idToken = tokens.claims();
      if (!idToken) throw new AppError('oidc_token_invalid');
      const metadata = configuration.serverMetadata();
      const userinfo = metadata.userinfo_endpoint
        ? await onceMoreOnNetworkFailure(() =>
            client.fetchUserInfo(configuration, tokens.access_token, idToken.sub),
          )
        : null;
      return { idToken: { ...idToken }, userinfo: userinfo ? { ...userinfo } : null };
    } catch (error) {
      throw error instanceof AppError ? error : providerFailure(error);
    }
  }
}

/**
 * A request the network failed before any answer came (fetch's TypeError: a refused connection, or
 * a kept-alive connection the provider closed just as it was reused — seen in a loaded CI run as a
 * sign-in refused with `oidc_provider_unavailable`) is sent once more. A code the first attempt did
 * spend is refused by the provider the second time, which ends as any refused code does.
 */
async function onceMoreOnNetworkFailure<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return send();
  }
}

const providerAnswerCodes = new Set(['OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON']);

/**
 * The provider could not be reached (network), answered with an error (OAuth error body, bad HTTP
 * status), or sent tokens that failed verification. Messages of the library are not passed on: they
 * may quote token contents.
 */
export function providerFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError'))
    return new AppError('oidc_provider_unavailable');
  if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError)
    return new AppError('oidc_provider_error', [{ path: 'provider', message: safeCode(error.error) }]);
  if (error instanceof client.WWWAuthenticateChallengeError)
    return new AppError('oidc_provider_error', [{ path: 'provider', message: 'www_authenticate_challenge' }]);
  if (error instanceof client.ClientError && error.code && providerAnswerCodes.has(error.code))
    return new AppError('oidc_provider_error', [{ path: 'provider', message: error.code }]);
  const code = error instanceof client.ClientError && error.code ? error.code : 'unknown';
  return new AppError('oidc_token_invalid', [{ path: 'id_token', message: code }]);
}

/** An OAuth error code is echoed only when it looks like one (it comes from outside). */
export function safeCode(value: unknown): string {
  return typeof value === 'string' && /^[a-z0-9_]{1,64}$/.test(value) ? value : 'unknown';
}
