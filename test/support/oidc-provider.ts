import {
  createPrivateKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  randomUUID,
  sign,
} from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider) on loopback, for tests: an in-memory store, one
 * confidential client that must use PKCE, accounts the test defines, consent granted at once (a
 * first-party provider), and the package's development log-in page (any password) for browsers.
 * `tamper` makes it forge its next ID tokens, as a man in the middle or a broken provider would.
 */
export type TestAccount = {
  email?: string;
  email_verified?: boolean;
  name?: string;
  family_name?: string;
  given_name?: string;
  middle_name?: string;
  address?: Record<string, unknown>;
};

export type Tamper = 'none' | 'signature' | 'nonce' | 'audience';

export type LoopbackProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Allows one more redirect URI for the client (e.g. a server whose port is known only later). */
  allowRedirectUri(uri: string): void;
  setTamper(mode: Tamper): void;
  /** Headless: follows the authorisation URL, logs in as `login`, returns the callback URL it is sent to. */
  signIn(authorizationUrl: string, login: string): Promise<string>;
  /** Headless: the person refuses at the provider (its "abort" link), returns the callback URL. */
  refuse(authorizationUrl: string): Promise<string>;
  close(): Promise<void>;
};

type Stored = { payload: Record<string, unknown>; expiresAt: number | null };

/** The adapter interface of oidc-provider over Maps; clients added at run time live here too. */
function memoryAdapter(clients: Map<string, Record<string, unknown>>) {
  const store = new Map<string, Stored>();
  const live = (key: string) => {
    const found = store.get(key);
    if (!found) return undefined;
    if (found.expiresAt !== null && found.expiresAt < Date.now()) {
      store.delete(key);
      return undefined;
    }
    return found.payload;
  };
  return class Adapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
      store.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null });
      if (this.model === 'Session')
        store.set(`sessionUid:${payload.uid}`, { payload: { id }, expiresAt: null });
    }
    async find(id: string) {
      if (this.model === 'Client') return clients.get(id);
      return live(this.key(id));
    }
    async findByUid(uid: string) {
      const ref = live(`sessionUid:${uid}`);
      return ref ? live(this.key(String(ref.id))) : undefined;
    }
    async findByUserCode() {
      return undefined;
    }
    async consume(id: string) {
      const found = live(this.key(id));
      if (found) found.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, value] of store) if (value.payload.grantId === grantId) store.delete(key);
    }
  };
}

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

/** Re-signs a JWT with changed claims: with the provider's own key (a valid signature) or another one. */
function resign(jwt: string, change: (claims: Record<string, unknown>) => void, key: KeyObject): string {
  const [headerPart, payloadPart] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payloadPart ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
  change(claims);
  const input = `${headerPart}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${base64url(sign('sha256', Buffer.from(input), key))}`;
}

export async function startOidcProvider(
  options: { redirectUris?: string[]; accounts?: Record<string, TestAccount> } = {},
): Promise<LoopbackProvider> {
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const clientId = 'vmeste-test';
  const clientSecret = `secret-${randomUUID()}`;
  const redirectUris = [...(options.redirectUris ?? [])];
  const client = {
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  };
  const clients = new Map<string, Record<string, unknown>>([[clientId, client]]);
  const accounts = new Map(Object.entries(options.accounts ?? {}));

  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'loopback-key';
  const privateJwk = {
    ...(signing.privateKey.export({ format: 'jwk' }) as JsonWebKey),
    kid,
    alg: 'RS256',
    use: 'sig',
  };
  const forgerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  let tamper: Tamper = 'none';

  const provider = new Provider(issuer, {
    adapter: memoryAdapter(clients),
    jwks: { keys: [privateJwk] },
    cookies: { keys: [randomUUID()] },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'family_name', 'given_name', 'middle_name'],
      address: ['address'],
    },
    scopes: ['openid', 'email', 'profile', 'address'],
    features: { devInteractions: { enabled: true } },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    // First-party provider: whoever signs in has agreed to share the requested claims.
    loadExistingGrant: async (ctx: {
      oidc: { client: { clientId: string }; session: { accountId: string; grantIdFor(c: string): string } };
    }) => {
      const grantId = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile address');
      await grant.save();
      return grant;
    },
    renderError: async (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = `<h1>${out.error}</h1>`;
    },
  });

  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || tamper === 'none') return;
    const body = ctx.body as { id_token?: string } | undefined;
    if (!body?.id_token) return;
    const ownKey = createPrivateKey({ key: privateJwk, format: 'jwk' });
    if (tamper === 'signature')
      body.id_token = resign(body.id_token, (c) => (c.sub = 'someone-else'), forgerKey);
    if (tamper === 'nonce')
      body.id_token = resign(body.id_token, (c) => (c.nonce = 'replayed-nonce'), ownKey);
    if (tamper === 'audience')
      body.id_token = resign(body.id_token, (c) => (c.aud = 'another-client'), ownKey);
  });
  handler = provider.callback();

  /** A tiny browser: one cookie jar for the provider, redirects followed by hand until the app's callback. */
  async function drive(authorizationUrl: string, step: (uid: string, jar: CookieJar) => Promise<Response>) {
    const jar = new CookieJar();
    let url = authorizationUrl;
    for (let hops = 0; hops < 10; hops++) {
      if (!url.startsWith(issuer)) return url;
      const res = await jar.fetch(url);
      const interaction = /\/interaction\/([^/?]+)$/.exec(new URL(url).pathname);
      const next = interaction && res.status === 200 ? await step(interaction[1] ?? '', jar) : res;
      const location = next.headers.get('location');
      if (!location)
        throw new Error(`the provider stopped at ${url}: HTTP ${next.status} ${await next.text()}`);
      url = new URL(location, issuer).toString();
    }
    throw new Error('too many redirects at the provider');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    allowRedirectUri: (uri) => {
      redirectUris.push(uri);
    },
    setTamper: (mode) => {
      tamper = mode;
    },
    signIn: (authorizationUrl, login) =>
      drive(authorizationUrl, (uid, jar) =>
        jar.fetch(`${issuer}/interaction/${uid}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
        }),
      ),
    refuse: (authorizationUrl) =>
      drive(authorizationUrl, (uid, jar) => jar.fetch(`${issuer}/interaction/${uid}/abort`)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

class CookieJar {
  private readonly cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }
}
