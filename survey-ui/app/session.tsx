import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, type Session, type SessionUser } from '../lib/api';

type SessionState =
  | { status: 'loading' }
  | { status: 'failed' }
  | { status: 'ready'; user: SessionUser | null };

interface SessionContextValue {
  state: SessionState;
  /** Signs in; resolves with the user or rejects with the ApiError of the API. */
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  /** Forgets the user after the API answered 401 (session expired elsewhere). */
  expire: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function fetchSession(): Promise<Session> {
  const session = await api.get<Session>('/api/session');
  setCsrfToken(session.csrfToken);
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    fetchSession()
      .then((session) => setState({ status: 'ready', user: session.user }))
      .catch(() => setState({ status: 'failed' }));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const session = await api.post<{ user: SessionUser; csrfToken: string }>('/api/auth/login', { username, password });
    setCsrfToken(session.csrfToken);
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

  const value = useMemo(() => ({ state, login, logout, expire: refresh }), [state, login, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
