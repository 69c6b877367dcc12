import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** `acr`: the assurance the login states in the ID token, e.g. `vneid:level2` (VNeID level 2). */
export type TestAccount = { sub: string; claims: Record<string, unknown>; acr?: string };

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 with a random port, for tests.
 * Its login and consent "pages" are answered by the test itself: whoever `signInAs` names is
 * logged in and every requested scope is granted, so a flow can be driven with plain fetch.
 */
export const startFakeOidcProvider = async (opts: { clientId: string; clientSecret: string; redirectUri: string; accounts: TestAccount[] }) => {
  const ref: { provider?: Provider } = {};
  let nextAccount: string | undefined;
  const server = createServer((req, res) => {
    const p = ref.provider;
    if (!p) return void res.writeHead(503).end();
    if (!req.url?.startsWith('/interaction/')) return p.callback()(req, res);
    void (async () => {
      const details = await p.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        if (!nextAccount) return p.interactionFinished(req, res, { error: 'access_denied', error_description: 'no test account chosen' }, { mergeWithLastSubmission: false });
        const acr = opts.accounts.find((a) => a.sub === nextAccount)?.acr;
        return p.interactionFinished(req, res, { login: { accountId: nextAccount, ...(acr ? { acr } : {}) } }, { mergeWithLastSubmission: false });
      }
      const grant = details.grantId ? ((await p.Grant.find(details.grantId)) ?? undefined) : undefined;
      const g = grant ?? new p.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id });
      if (details.prompt.details.missingOIDCScope) g.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
      if (details.prompt.details.missingOIDCClaims) g.addOIDCClaims(details.prompt.details.missingOIDCClaims);
      return p.interactionFinished(req, res, { consent: { grantId: await g.save() } }, { mergeWithLastSubmission: true });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  ref.provider = new Provider(issuer, {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    findAccount: async (_ctx, sub) => {
      const account = opts.accounts.find((a) => a.sub === sub);
      return account ? { accountId: sub, claims: async () => ({ sub, ...account.claims }) } : undefined;
    },
    claims: { openid: ['sub'], profile: ['name', 'family_name', 'middle_name', 'given_name', 'id_number'], email: ['email', 'email_verified'] },
    acrValues: ['vneid:level1', 'vneid:level2'],
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['fake-oidc-provider-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
  });

  return {
    issuer,
    /** The account the next login interaction signs in (undefined: the user cancels). */
    signInAs: (sub: string | undefined) => {
      nextAccount = sub;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/**
 * Plays the browser at the provider: follows redirects from `url`, keeping the provider's cookies,
 * until one leads back to `stopAt` (our callback), and returns that URL.
 */
export const followToCallback = async (url: string, stopAt: string): Promise<URL> => {
  const jar = new Map<string, string>();
  let next = new URL(url);
  for (let hop = 0; hop < 15; hop += 1) {
    if (next.toString().startsWith(stopAt)) return next;
    const res = await fetch(next, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    const location = res.headers.get('location');
    await res.body?.cancel();
    if (!location) throw new Error(`provider answered ${res.status} without a redirect at ${next.toString()}`);
    next = new URL(location, next);
  }
  throw new Error('too many redirects');
};
