import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID provider for tests: panva's oidc-provider (OpenID Certified), on 127.0.0.1 and an ephemeral port,
 * with a plain login form of its own and first-party consent (an organisation's IdP does not ask its employees to
 * consent to an internal app). DeskLens's backend is registered as a confidential client, like at Entra ID or Okta.
 */
export interface TestAccount {
  email: string;
  password: string;
  name: string;
  /** false: the provider says the email is not verified. Left out: no such claim (as Entra ID does). */
  emailVerified?: boolean;
  groups?: string[];
}

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  addAccount: (account: TestAccount) => void;
  /** An "intranet" page whose sign-in leaves a provider session in the browser, as a morning sign-in would. */
  intranetSignInUrl: () => string;
  close: () => Promise<void>;
}

const INTRANET_CLIENT = 'intranet';

/** oidc-provider's storage, in this process's memory, one map per provider (it lives as long as the test). */
function memoryAdapter() {
  const rows = new Map<string, { payload: Record<string, unknown>; expiresAt?: number }>();
  return class MemoryAdapter {
    constructor(private readonly model: string) {}
    #key = (id: string) => `${this.model}:${id}`;
    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
      rows.set(this.#key(id), { payload, ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}) });
    }
    async find(id: string) {
      const row = rows.get(this.#key(id));
      if (!row || (row.expiresAt && row.expiresAt < Date.now())) return undefined;
      return row.payload;
    }
    async findByUid(uid: string) {
      for (const [key, row] of rows)
        if (key.startsWith(`${this.model}:`) && row.payload.uid === uid) return row.payload;
      return undefined;
    }
    async findByUserCode(userCode: string) {
      for (const [key, row] of rows)
        if (key.startsWith(`${this.model}:`) && row.payload.userCode === userCode) return row.payload;
      return undefined;
    }
    async consume(id: string) {
      const row = rows.get(this.#key(id));
      if (row) row.payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      rows.delete(this.#key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, row] of rows) if (row.payload.grantId === grantId) rows.delete(key);
    }
  };
}

/** `redirectUris`: DeskLens's backend callback(s), `<PUBLIC_URL>/api/v1/sso/callback`, as an admin registers it. */
export async function startIdentityProvider(
  redirectUris: string[],
  accounts: TestAccount[] = [],
): Promise<TestIdentityProvider> {
  const byEmail = new Map<string, TestAccount>();
  const add = (account: TestAccount) => byEmail.set(account.email.toLowerCase(), account);
  for (const account of accounts) add(account);

  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'desklens-backend';
  const clientSecret = randomBytes(24).toString('base64url');
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: INTRANET_CLIENT,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${issuer}/signed-in`],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: { devInteractions: { enabled: false } },
    ttl: { AccessToken: 600, IdToken: 600, Grant: 3600, Session: 3600, Interaction: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = byEmail.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: account.email,
          ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
          name: account.name,
          ...(account.groups ? { groups: account.groups } : {}),
        }),
      };
    },
    // First-party consent: a grant for whatever the client asked, once the person has signed in.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const existing =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId ?? '');
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      if (!ctx.oidc.session?.accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('test identity provider error', error));
  const oidcCallback = provider.callback();

  const readForm = async (request: IncomingMessage) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    return new URLSearchParams(body);
  };
  const page = (title: string, body: string) =>
    `<!doctype html><html lang="en"><head><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

  server.on('request', async (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    try {
      if (url.pathname === '/signed-in') {
        response.writeHead(200, { 'content-type': 'text/html' }).end(page('Signed in to the intranet', ''));
        return;
      }
      if (interaction && request.method === 'GET') {
        const details = await provider.interactionDetails(request, response);
        const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : '';
        response.writeHead(200, { 'content-type': 'text/html' }).end(
          page(
            'Sign in to Acme',
            `<form method="post" action="/interaction/${details.uid}/login">
              <label>Email <input name="login" type="email" value="${hint.replace(/[^\w@.+-]/g, '')}"></label>
              <label>Password <input name="password" type="password"></label>
              <button type="submit">Sign in</button></form>`,
          ),
        );
        return;
      }
      if (interaction?.[2] && request.method === 'POST') {
        const form = await readForm(request);
        const account = byEmail.get((form.get('login') ?? '').toLowerCase());
        if (!account || account.password !== form.get('password')) {
          response.writeHead(401, { 'content-type': 'text/html' }).end(page('Wrong email or password', ''));
          return;
        }
        await provider.interactionFinished(request, response, { login: { accountId: account.email.toLowerCase() } });
        return;
      }
      oidcCallback(request, response);
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });

  return {
    issuer,
    clientId,
    clientSecret,
    addAccount: add,
    intranetSignInUrl: () => {
      const url = new URL('/auth', issuer);
      url.search = new URLSearchParams({
        client_id: INTRANET_CLIENT,
        response_type: 'code',
        scope: 'openid',
        redirect_uri: `${issuer}/signed-in`,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }).toString();
      return url.href;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * What a browser does between `launchWebAuthFlow` opening the authorization URL and the redirect to the extension:
 * follows redirects with cookies kept per host, and signs in at the provider's form when it is shown (with
 * `credentials`; without them a login form is an error). Returns the first URL on `stopAtHost`, never fetched.
 */
export async function followSignIn(
  start: string,
  options: {
    stopAtHost: (host: string) => boolean;
    credentials?: { email: string; password: string };
    jar?: CookieJar;
  },
): Promise<URL> {
  const jar = options.jar ?? new CookieJar();
  let url = new URL(start);
  let method: 'GET' | 'POST' = 'GET';
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (options.stopAtHost(url.hostname)) return url;
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { cookie: jar.header(url), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(body ? { body } : {}),
    });
    jar.store(url, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await response.text();
    const form = /<form method="post" action="([^"]+)"/.exec(html);
    if (response.status === 200 && form?.[1] && options.credentials && method === 'GET') {
      url = new URL(form[1], url);
      method = 'POST';
      body = new URLSearchParams({ login: options.credentials.email, password: options.credentials.password });
      continue;
    }
    throw new Error(`sign-in stopped at ${url.href} with ${response.status}: ${html.slice(0, 300)}`);
  }
  throw new Error('sign-in went through more than 20 redirects');
}

/** The cookies a browser would keep, per host and port (enough for the provider's session and interaction). */
export class CookieJar {
  readonly #byOrigin = new Map<string, Map<string, string>>();
  store(url: URL, setCookies: string[]): void {
    const cookies = this.#byOrigin.get(url.host) ?? new Map<string, string>();
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a));
      if (expired) cookies.delete(name);
      else cookies.set(name, pair.slice(eq + 1).trim());
    }
    this.#byOrigin.set(url.host, cookies);
  }
  header(url: URL): string {
    return [...(this.#byOrigin.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
