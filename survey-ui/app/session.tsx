import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, onSessionEnded, request, setCsrfToken, type Session, type SessionUser } from '../lib/api';
import { useRouter } from '../lib/router';
import { sectionAt } from './sections';

type SessionState =
  | { status: 'loading' }
  | { status: 'failed' }
  | { status: 'ready'; user: SessionUser | null };

interface SessionContextValue {
  state: SessionState;
  /** True after the API ended the signed-in session, until the next sign-in: the sign-in page says so. */
  ended: boolean;
  /** Signs in; resolves with the user or rejects with the ApiError of the API. */
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function fetchSession(): Promise<Session> {
  const session = await api.get<Session>('/api/session');
  setCsrfToken(session.csrfToken);
  return session;
}

/** The sign-in page, returning to the current section afterwards. */
function loginPathFrom(path: string): string {
  const section = sectionAt(path);
  return section ? `/login?next=${encodeURIComponent(section.path)}` : '/login';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [ended, setEnded] = useState(false);
  const { path, navigate } = useRouter();
  // Read by the session-ended listener, which lives as long as the provider.
  const signedIn = useRef(false);
  const currentPath = useRef(path);
  // The session renewed after an ended one; a sign-in waits for its CSRF token.
  const renewal = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    signedIn.current = state.status === 'ready' && state.user !== null;
  }, [state]);
  useEffect(() => {
    currentPath.current = path;
  }, [path]);

  useEffect(() => {
    fetchSession()
      .then((session) => setState({ status: 'ready', user: session.user }))
      .catch(() => setState({ status: 'failed' }));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    await renewal.current;
    const session = await request<{ user: SessionUser; csrfToken: string }>('POST', '/api/auth/login', { username, password }, { signIn: true });
    setCsrfToken(session.csrfToken);
    setEnded(false);
    setState({ status: 'ready', user: session.user });
    return session.user;
  }, []);

  const refresh = useCallback(async () => {
    // A fresh anonymous session brings a new CSRF token for the next sign-in.
    try {
      const session = await fetchSession();
      setState({ status: 'ready', user: session.user });
    } catch {
      setState({ status: 'ready', user: null });
    }
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/api/auth/logout');
    } finally {
      await refresh();
    }
  }, [refresh]);

  // Every 401 of a signed-in request ends up here. The user is forgotten at once, so the sign-in page
  // (which says why) replaces the page that asked in the same render and its error handling shows
  // nothing; then a fresh anonymous session brings the CSRF token for signing in again.
  useEffect(
    () =>
      onSessionEnded(() => {
        // A page's parallel requests fail together: the first one signs out.
        if (!signedIn.current) return;
        signedIn.current = false;
        setState({ status: 'ready', user: null });
        setEnded(true);
        navigate(loginPathFrom(currentPath.current), { replace: true });
        renewal.current = refresh();
      }),
    [navigate, refresh],
  );

  const value = useMemo(() => ({ state, ended, login, logout }), [state, ended, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
