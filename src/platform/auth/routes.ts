import type { FastifyPluginAsync } from 'fastify';
import { registerLogin } from './login.ts';
import { registerOidc } from './oidc.ts';
import { registerPasswordChange } from './password-change.ts';
import { registerTotp } from './second-factor.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { registerSignup } from './signup.ts';

/**
 * Identity, mounted at `/api/auth`: password login with its second factor (`/totp`), password change, sessions (`/logout`, `/logout-all`, `/me`),
 * citizen sign-up with a one-time code, and single sign-on with OpenID Connect.
 * User administration is `usersRoutes` (users-routes.ts), mounted at `/api/users`.
 */
export const authRoutes: FastifyPluginAsync = async (app) => {
  registerLogin(app);
  registerTotp(app);
  registerPasswordChange(app);
  registerSessionRoutes(app);
  registerSignup(app);
  registerOidc(app);
};
