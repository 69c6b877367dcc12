import * as client from 'openid-client';
import type { Config } from '../config/index.ts';
import { normalizePhone } from './contact.ts';
import { ACR_VALUES, identityOfClaims, type VerifiedIdentity } from './vneid-level.ts';

/**
 * The relying party of an OpenID Connect provider (VNeID, a provincial SSO): discovery once per
 * app (retried after a failure), authorisation URLs with state, nonce and PKCE (S256), and the
 * code exchange with every check openid-client makes (issuer, audience, signature, nonce, state).
 */
export type RelyingParty = {
  issuer: string;
  redirectUri: string;
  authorizationUrl: () => Promise<{ url: URL; state: string; nonce: string; codeVerifier: string }>;
  exchange: (callbackQuery: string, checks: { state: string; nonce: string; codeVerifier: string }) => Promise<OidcProfile>;
};

/** What we keep from the ID token. */
export type OidcProfile = {
  subject: string;
  fullName: string | undefined;
  email: string | undefined;
  phone: string | undefined;
  /** The VNeID identification level (and ID number) the ID token vouches for (vneid-level.ts). */
  identity?: VerifiedIdentity;
};

const TIMEOUT_SECONDS = 10;
export const SCOPE = 'openid profile email';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Vietnamese names run family, middle, given: "Nguyễn" "Văn" "An". */
export const profileOf = (claims: { sub: string; [claim: string]: unknown }): OidcProfile => {
  const parts = [claims.family_name, claims.middle_name, claims.given_name].map(text).filter(Boolean);
  const phone = claims.phone_number_verified === true && typeof claims.phone_number === 'string' ? normalizePhone(claims.phone_number) : undefined;
  return {
    subject: claims.sub,
    fullName: text(claims.name) ?? (parts.length ? parts.join(' ') : undefined),
    email: claims.email_verified === true ? text(claims.email)?.toLowerCase() : undefined,
    phone,
    identity: identityOfClaims(claims),
  };
};

export const relyingPartyFor = (config: Config): RelyingParty | undefined => {
  const oidc = config.oidc;
  if (!oidc) return undefined;
  const redirectUri = new URL('/api/auth/oidc/callback', config.publicUrl).toString();
  // Plain-http providers only outside production (a provider on 127.0.0.1 in tests).
  const insecure = !config.isProduction && new URL(oidc.issuer).protocol === 'http:';
  let discovered: Promise<client.Configuration> | undefined;

  const configuration = () => {
    discovered ??= client
      .discovery(
        new URL(oidc.issuer),
        oidc.clientId,
        oidc.clientSecret ? { client_secret: oidc.clientSecret } : undefined,
        oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
        { execute: insecure ? [client.allowInsecureRequests] : [], timeout: TIMEOUT_SECONDS },
      )
      .then((c) => {
        c.timeout = TIMEOUT_SECONDS;
        return c;
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    issuer: oidc.issuer,
    redirectUri,
    authorizationUrl: async () => {
      const c = await configuration();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const codeVerifier = client.randomPKCECodeVerifier();
      const url = client.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri,
        scope: SCOPE,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        acr_values: ACR_VALUES,
      });
      return { url, state, nonce, codeVerifier };
    },
    exchange: async (callbackQuery, checks) => {
      const c = await configuration();
      const current = new URL(redirectUri);
      current.search = callbackQuery;
      const tokens = await client.authorizationCodeGrant(c, current, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      // Many providers put profile claims only in UserInfo; the signed ID token wins where both speak.
      const info = c.serverMetadata().userinfo_endpoint
        ? await client.fetchUserInfo(c, tokens.access_token, idClaims.sub).catch(() => undefined)
        : undefined;
      // The level (acr) counts only from the signed ID token, never from UserInfo.
      return { ...profileOf({ ...info, ...idClaims }), identity: identityOfClaims({ ...idClaims, id_number: idClaims.id_number ?? info?.id_number }) };
    },
  };
};
