import { Router } from 'express';
import { z } from 'zod';
import { actorOf, recordAudit } from '../../audit/auditLog';
import { authenticate, type LoginPolicy } from '../../auth/authService';
import { PASSWORD_MAX_LENGTH } from '../../auth/passwords';
import type { Store, User } from '../../store/types';
import { route } from '../route';
import type { SessionManager } from '../sessions';
import { validate } from '../validate';

/** The signed-in user as the UI sees it. */
export const sessionUser = (u: User) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role });

const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  // No length minimum here: the policy applies when a password is set, not when it is tried.
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export function authRoutes(store: Store, sessions: SessionManager, policy: LoginPolicy): Router {
  const router = Router();

  route(router, 'GET', '/api/session', async (req, res) => {
    const session = await sessions.ensure(req, res);
    res.set('Cache-Control', 'no-store');
    res.json({ user: session.user ? sessionUser(session.user) : null, csrfToken: session.record.csrfToken });
  });

  route(router, 'POST', '/api/auth/login', validate({ body: loginBody }), async (req, res) => {
    const { username, password } = req.body as z.output<typeof loginBody>;
    const user = await authenticate(store, policy, { username, password, clientIp: req.ip ?? 'unknown' });
    const session = await sessions.rotate(req, res, user);
    await recordAudit(store.audit, actorOf(user), { action: 'auth.login', entityType: 'user', entityId: user.id });
    res.set('Cache-Control', 'no-store');
    res.json({ user: sessionUser(user), csrfToken: session.record.csrfToken });
  });

  route(router, 'POST', '/api/auth/logout', async (req, res) => {
    const user = res.locals.session?.user;
    await sessions.end(req, res);
    if (user) await recordAudit(store.audit, actorOf(user), { action: 'auth.logout', entityType: 'user', entityId: user.id });
    res.status(204).end();
  });

  return router;
}
