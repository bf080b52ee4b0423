import { createContext, useCallback, useContext, useEffect, useMemo, useState, type MouseEvent, type ReactNode } from 'react';

interface NavigateOptions {
  /** Replace the current history entry instead of adding one. */
  replace?: boolean;
  /** An automatic redirect, not a user action: keeps the focus where a page load would put it. */
  redirect?: boolean;
}

interface RouterState {
  path: string;
  search: string;
  navigate: (to: string, options?: NavigateOptions) => void;
}

const RouterContext = createContext<RouterState | null>(null);

let navigatedInApp = false;

/** True once the user moved between pages without a full page load (then focus must be moved by hand). */
export function hasNavigatedInApp(): boolean {
  return navigatedInApp;
}

/** A minimal router on the History API: the app has a handful of flat routes, no nesting. */
export function Router({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(() => ({ path: window.location.pathname, search: window.location.search }));

  useEffect(() => {
    const onPopState = () => {
      navigatedInApp = true;
      setLocation({ path: window.location.pathname, search: window.location.search });
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((to: string, options: NavigateOptions = {}) => {
    const url = new URL(to, window.location.origin);
    if (!options.redirect) navigatedInApp = true;
    if (options.replace || options.redirect) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    setLocation({ path: url.pathname, search: url.search });
  }, []);

  const value = useMemo(() => ({ ...location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter must be used inside <Router>');
  return router;
}

interface LinkProps {
  to: string;
  children: ReactNode;
  className?: string;
  'aria-current'?: 'page';
}

/** An ordinary `<a href>` (so open-in-new-tab and the keyboard work) that navigates without reloading. */
export function Link({ to, children, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

/** Sends the browser elsewhere without a history entry (e.g. `/` → the user's start page). */
export function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to, { redirect: true }), [navigate, to]);
  return null;
}
