import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import type { Session, Store, User } from '../store/types';
import { AppError } from '../errors/appError';

export const SESSION_COOKIE = 'sid';
export const CSRF_HEADER = 'x-csrf-token';

/** What a request knows about its caller after `loadSession`. */
export interface ActiveSession {
  id: string;
  record: Session;
  /** Null for the anonymous pre-session. */
  user: User | null;
}

declare global {
  namespace Express {
    interface Locals {
      session?: ActiveSession;
    }
  }
}

/** 256 random bits, URL-safe. */
const randomToken = () => randomBytes(32).toString('base64url');
/** Only the hash is stored: a copy of the database does not let anyone take over a session. */
export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Refresh the stored expiry at most once a minute, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export class SessionManager {
  constructor(
    private readonly store: Store,
    private readonly idleMinutes: number,
  ) {}

  private cookieOptions(req: Request): CookieOptions {
    return sessionCookieOptions(req);
  }

  /** Expiry refreshes not yet written, by session id hash. */
  private readonly pendingTouches = new Map<string, { lastSeenAt: string; expiresAt: string }>();

  /**
   * Refreshes of the idle expiry are written together, once per turn of the event loop, in one
   * transaction: on SQLite each separate write costs an fsync, which under load would cost more
   * than the request itself. The request does not wait for it: a refresh lost in a crash or a
   * failed write only lets the session expire up to one TOUCH_INTERVAL_MS early, and the next
   * request after the interval tries again.
   */
  private touchSoon(idHash: string, lastSeenAt: string, expiresAt: string): void {
    const first = this.pendingTouches.size === 0;
    this.pendingTouches.set(idHash, { lastSeenAt, expiresAt });
    if (!first) return;
    setImmediate(() => {
      const batch = [...this.pendingTouches];
      this.pendingTouches.clear();
      this.store
        .transaction(async (tx) => {
          for (const [hash, touch] of batch) await tx.sessions.touch(hash, touch.lastSeenAt, touch.expiresAt);
        })
        .catch(() => undefined);
    });
  }

  private expiry(now: Date): string {
    return new Date(now.getTime() + this.idleMinutes * 60_000).toISOString();
  }

  /** Middleware: attaches `res.locals.session` when the cookie names a live session of an enabled user. */
  load(): RequestHandler {
    return async (req, res, next) => {
      const id: unknown = req.cookies?.[SESSION_COOKIE];
      if (typeof id !== 'string' || !SESSION_ID_PATTERN.test(id)) return next();
      const now = new Date();
      const record = await this.store.sessions.get(hashSessionId(id), now);
      if (!record) return next();
      let user: User | null = null;
      if (record.userId) {
        user = await this.store.users.getById(record.userId);
        if (!user || user.disabled) {
          await this.store.sessions.delete(record.idHash);
          return next();
        }
      }
      if (now.getTime() - Date.parse(record.lastSeenAt) > TOUCH_INTERVAL_MS) {
        this.touchSoon(record.idHash, now.toISOString(), this.expiry(now));
      }
      res.locals.session = { id, record, user };
      next();
    };
  }

  private async start(req: Request, res: Response, user: User | null): Promise<ActiveSession> {
    const id = randomToken();
    const now = new Date();
    const record: Session = {
      idHash: hashSessionId(id),
      userId: user?.id ?? null,
      csrfToken: randomToken(),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: this.expiry(now),
    };
    await this.store.sessions.create(record);
    res.cookie(SESSION_COOKIE, id, this.cookieOptions(req));
    const session = { id, record, user };
    res.locals.session = session;
    return session;
  }

  /** The caller's session, creating an anonymous pre-session (with CSRF token) when there is none. */
  async ensure(req: Request, res: Response): Promise<ActiveSession> {
    return res.locals.session ?? this.start(req, res, null);
  }

  /** After login: a new session id and CSRF token (prevents session fixation), the old session ends. */
  async rotate(req: Request, res: Response, user: User): Promise<ActiveSession> {
    if (res.locals.session) await this.store.sessions.delete(res.locals.session.record.idHash);
    return this.start(req, res, user);
  }

  async end(req: Request, res: Response): Promise<void> {
    if (res.locals.session) await this.store.sessions.delete(res.locals.session.record.idHash);
    res.locals.session = undefined;
    const { httpOnly, sameSite, secure, path } = this.cookieOptions(req);
    res.clearCookie(SESSION_COOKIE, { httpOnly, sameSite, secure, path });
  }
}

function sessionCookieOptions(req: Request): CookieOptions {
  // Secure when the request came over TLS (directly, or via a trusted proxy per TRUST_PROXY).
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' };
}

/**
 * Session fixation defence for a session that gains access without a login, e.g. a resident
 * whose access code was accepted: the same session under a new random id. The caller stores the
 * returned record (and deletes the old one) before calling sendRenewedSession(). The CSRF token is
 * kept: it is useless without the new cookie, and an open survey page keeps working with it.
 */
export function renewSessionId(current: ActiveSession): ActiveSession {
  const id = randomToken();
  return { id, record: { ...current.record, idHash: hashSessionId(id) }, user: current.user };
}

/** Sends the cookie of a renewed session and makes it the request's session. */
export function sendRenewedSession(req: Request, res: Response, session: ActiveSession): void {
  res.cookie(SESSION_COOKIE, session.id, sessionCookieOptions(req));
  res.locals.session = session;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Synchronizer-token CSRF defence: every state-changing request must echo the session's token
 * in `X-CSRF-Token`. A cross-site page can make the browser send the cookie but cannot read the token.
 */
export const requireCsrfToken: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const expected = res.locals.session?.record.csrfToken;
  const given = req.get(CSRF_HEADER);
  if (!expected || !given || !sameToken(given, expected)) return next(new AppError('forbidden', 'auth.csrf'));
  next();
};

function sameToken(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
