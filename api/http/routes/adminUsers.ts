import { Router } from 'express';
import { z } from 'zod';
import { passwordSchema } from '../../auth/passwords';
import { ROLES, type Store } from '../../store/types';
import { createUser, listUsers, resetPassword, updateUser, userView } from '../../users/userService';
import { route } from '../route';
import { validate, validParams } from '../validate';

const idParams = z.object({ id: z.string().min(1).max(64) });

const createBody = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[\p{L}\p{N}._-]+$/u),
  displayName: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
  password: passwordSchema,
});

const patchBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(120).optional(),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'displayName | role | disabled' });

const passwordBody = z.strictObject({ password: passwordSchema });

/** Account administration (admin only, see accessControl.ts). */
export function adminUserRoutes(store: Store): Router {
  const router = Router();

  route(router, 'GET', '/api/admin/users', async (_req, res) => {
    res.json({ users: await listUsers(store) });
  });

  route(router, 'POST', '/api/admin/users', validate({ body: createBody }), async (req, res) => {
    const user = await createUser(store, res.locals.session!.user, req.body as z.output<typeof createBody>);
    res.status(201).json({ user: userView(user) });
  });

  route(router, 'PATCH', '/api/admin/users/:id', validate({ params: idParams, body: patchBody }), async (req, res) => {
    const { id } = validParams<z.output<typeof idParams>>(res);
    const user = await updateUser(store, res.locals.session!.user!, id, req.body as z.output<typeof patchBody>);
    res.json({ user: userView(user) });
  });

  route(router, 'POST', '/api/admin/users/:id/password', validate({ params: idParams, body: passwordBody }), async (req, res) => {
    const { id } = validParams<z.output<typeof idParams>>(res);
    const session = res.locals.session!;
    const { password } = req.body as z.output<typeof passwordBody>;
    await resetPassword(store, session.user!, id, password, session.record.idHash);
    res.status(204).end();
  });

  return router;
}
