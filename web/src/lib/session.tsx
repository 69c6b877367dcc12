import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/vi.ts';
import { navigate } from '../router.tsx';
import { api, ApiError, setCsrfToken } from './api.ts';
import { ENDPOINTS } from './endpoints.ts';
import {
  adoptOfflineUser, forgetOfflineData, forgetOfflineReads, forgetStaleReads, rememberedUser, sendDraftsBeforeSignOut, startDraftSync,
} from './offline-session.ts';

/**
 * Who is signed in. The session lives in the httpOnly `tinhso_session` cookie set by the server;
 * the page only keeps the user and the CSRF token in memory (never the session token itself).
 * A citizen is also remembered on the device (offline-session.ts), so that the app opens signed
 * in without a network; the server is asked again as soon as the network returns.
 */
export type User = { id: string; username: string; fullName: string; roles: string[]; agencyId: string | null };

/** The answer of POST /api/auth/login and /api/auth/signup/verify. */
export type AuthBody = { token?: string; csrfToken: string; user: User };

type Status = 'loading' | 'guest' | 'signed-in';
export type Notice = { key: MessageKey; path: string };

type Session = {
  status: Status;
  user: User | null;
  notice: Notice | null;
  signIn: (body: AuthBody) => void;
  /** Signs out (here, or on every device) and goes to the home page with a notice. */
  signOut: (everywhere?: boolean) => Promise<void>;
  clearNotice: () => void;
};

const SessionContext = createContext<Session | null>(null);

const asUser = (value: unknown): User | null => {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<User>;
  if (typeof v.id !== 'string' || typeof v.username !== 'string') return null;
  return {
    id: v.id,
    username: v.username,
    fullName: typeof v.fullName === 'string' && v.fullName ? v.fullName : v.username,
    roles: Array.isArray(v.roles) ? v.roles.filter((r): r is string => typeof r === 'string') : [],
    agencyId: typeof v.agencyId === 'string' ? v.agencyId : null,
  };
};

/** GET /api/auth/me answers the user and the CSRF token, as `{ user, csrfToken }` or flat. */
const parseMe = (body: unknown): { user: User; csrfToken?: string } | null => {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { user?: unknown; csrfToken?: unknown };
  const user = asUser(b.user ?? b);
  return user ? { user, csrfToken: typeof b.csrfToken === 'string' ? b.csrfToken : undefined } : null;
};

/** The server sets a readable `tinhso_csrf` cookie beside the httpOnly session cookie. */
const CSRF_COOKIE = 'tinhso_csrf';
const csrfCookie = (): string | undefined => {
  const found = document.cookie.split(/;\s*/).find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return found === undefined ? undefined : decodeURIComponent(found.slice(CSRF_COOKIE.length + 1));
};
/** Whether this browser holds a session cookie (signed in, as far as the page can tell before asking). */
export const hasSessionCookie = () => csrfCookie() !== undefined;
const forgetSessionCookie = () => {
  document.cookie = `${CSRF_COOKIE}=; Max-Age=0; path=/; SameSite=Lax`;
};

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  // A guest (no session cookie) is known at once: the first render is already the guest's page,
  // not a "loading" shell that the whole app renders a second time a moment later.
  const [status, setStatus] = useState<Status>(() => (hasSessionCookie() ? 'loading' : 'guest'));
  const [user, setUser] = useState<User | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    // No CSRF cookie, no session: a guest needs no round trip (and no 401 in the console).
    if (!hasSessionCookie()) {
      setStatus('guest'); // already so, unless the cookie went between the first render and now
      void forgetStaleReads();
      return undefined;
    }
    const controller = new AbortController();
    let isRestored = false;
    const askServer = () =>
      api(ENDPOINTS.me, { signal: controller.signal })
        .then((body) => {
          const me = parseMe(body);
          setCsrfToken(me?.csrfToken);
          // A transition: the signed-in page is rendered in short slices, the phone stays responsive.
          startTransition(() => {
            // The same user again (confirmed after an offline start) keeps its object: no page reloads its data.
            setUser((shown) => (me && JSON.stringify(shown) === JSON.stringify(me.user) ? shown : (me?.user ?? null)));
            setStatus(me ? 'signed-in' : 'guest');
          });
          if (me) void adoptOfflineUser(me.user);
          window.removeEventListener('online', askServer);
        })
        .catch(async (error: unknown) => {
          if ((error as Error).name === 'AbortError') return;
          const status = error instanceof ApiError ? error.status : -1;
          if (status === 401) {
            // The session ended elsewhere: its kept reads go (unsent drafts stay for its owner).
            forgetSessionCookie();
            window.removeEventListener('online', askServer);
            setUser(null);
            setStatus('guest');
            await forgetOfflineReads();
            return;
          }
          if (isRestored) return; // still offline, or the server is unwell: stay as we are
          // Offline: the citizen remembered on this device, asked about again when the network returns.
          const remembered = status === 0 ? asUser(await rememberedUser()) : null;
          if (controller.signal.aborted) return;
          if (!remembered) {
            setStatus('guest'); // 404 (auth not deployed) or offline with nobody remembered
            return;
          }
          isRestored = true;
          setCsrfToken(csrfCookie());
          setUser(remembered);
          setStatus('signed-in');
          void adoptOfflineUser(remembered);
          window.addEventListener('online', askServer);
        });
    void askServer();
    return () => {
      controller.abort();
      window.removeEventListener('online', askServer);
    };
  }, []);

  // A signed-in citizen's drafts kept on this device are sent now and whenever the network returns.
  useEffect(() => (status === 'signed-in' && user ? startDraftSync(user) : undefined), [status, user]);

  const signIn = useCallback((body: AuthBody) => {
    const signedIn = asUser(body.user);
    if (!signedIn) throw new Error('the sign-in answer has no user');
    setCsrfToken(body.csrfToken);
    setUser(signedIn);
    setStatus('signed-in');
    setNotice(null);
    void adoptOfflineUser(signedIn);
  }, []);

  const signOut = useCallback(async (everywhere = false) => {
    if (user) await sendDraftsBeforeSignOut(user);
    try {
      await api(everywhere ? ENDPOINTS.logoutAll : ENDPOINTS.logout, { method: 'POST' });
    } catch (error) {
      // A session that is already gone (401) is as good as signed out; anything else is shown.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    // Nothing of this user's stays on the device: kept reads, the remembered user, drafts.
    await forgetOfflineData();
    // Leave the signed-in page first, so that no page sees a guest and redirects to sign-in.
    navigate('/');
    setCsrfToken(undefined);
    setUser(null);
    setStatus('guest');
    setNotice({ key: everywhere ? 'notice.signedOutAll' : 'notice.signedOut', path: '/' });
  }, [user]);

  const clearNotice = useCallback(() => setNotice(null), []);

  const value = useMemo<Session>(
    () => ({ status, user, notice, signIn, signOut, clearNotice }),
    [status, user, notice, signIn, signOut, clearNotice],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = (): Session => {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
};
