import { useEffect } from 'react';
import { useSession, type User } from '../../lib/session.tsx';
import { navigate, type Location } from '../../router.tsx';

/** The signed-in user; a guest is sent to sign in first, and comes back here after. */
export const useSignedIn = (location: Location): User | null => {
  const session = useSession();
  useEffect(() => {
    if (session.status === 'guest') navigate(`/login?next=${encodeURIComponent(location.href)}`, { replace: true });
  }, [session.status, location.href]);
  return session.status === 'signed-in' ? session.user : null;
};
