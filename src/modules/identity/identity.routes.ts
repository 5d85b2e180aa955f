import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { ADMIN, currentActor, currentUser, SERVICE_DESK, SESSION_COOKIE } from '../../http/auth';
import { errorResponse, noContent } from '../../http/contract';
import { ROLES } from './identity.tables';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens';
import {
  createdTokenOutSchema,
  loginSchema,
  roleSchema,
  mePatchSchema,
  tokenCreateSchema,
  tokenOutSchema,
  userCreateSchema,
  userOutSchema,
  userPatchSchema,
} from './identity.schemas';
import { createUser, getUser, listUsers, login, logout, updateUser } from './identity.service';
import type { LoginLimits } from './login-throttle';

const idParams = z.object({ id: z.uuid() });
const tokenParams = z.object({ id: z.uuid(), tokenId: z.uuid() });

export function identityRoutes(ctx: AppContext, opts: { loginLimits: LoginLimits }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          operationId: 'logIn',
          tags: ['auth'],
          summary: '登录 Log in',
          description: 'Limited per address and user name, and in failures per address across user names (429).',
          body: loginSchema,
          response: {
            200: z.object({ user: userOutSchema }),
            401: errorResponse('Wrong user name or password, or the user is deactivated (invalid_credentials)'),
            429: errorResponse('Too many attempts from this address or for this user name (rate_limited)'),
          },
        },
      },
      async (req, reply) => {
        const result = await login(ctx, req.body.username, req.body.password, { ip: req.ip, limits: opts.loginLimits });
        reply.setCookie(SESSION_COOKIE, result.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: process.env.COOKIE_SECURE === '1',
          maxAge: result.maxAgeSeconds,
        });
        return { user: result.user };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'public' },
        schema: { operationId: 'logOut', tags: ['auth'], summary: '退出 Log out (ends the session cookie)', response: { 204: noContent('Logged out') } },
      },
      async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token) await logout(ctx, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/me',
      { config: { access: 'any' }, schema: { operationId: 'getMe', tags: ['auth'], summary: 'The logged-in user', response: { 200: userOutSchema } } },
      async (req) => getUser(ctx, currentUser(req).id),
    );

    app.patch(
      '/me',
      {
        config: { access: 'any' },
        schema: { operationId: 'updateMe', tags: ['auth'], summary: 'Set the language preference', body: mePatchSchema, response: { 200: userOutSchema } },
      },
      async (req) => updateUser(ctx, currentUser(req).id, { locale: req.body.locale }, currentActor(req)),
    );

    // Agents and engineers list users to pick an owner; only admins change them.
    app.get(
      '/users',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'listUsers',
          tags: ['users'],
          summary: 'Users (to pick an owner)',
          response: { 200: z.object({ items: z.array(userOutSchema) }) },
        },
      },
      async () => ({
        items: await listUsers(ctx),
      }),
    );

    app.get(
      '/roles',
      {
        config: { access: 'any' },
        schema: {
          operationId: 'listRoles',
          tags: ['users'],
          summary: 'The roles a user can have',
          response: { 200: z.object({ items: z.array(roleSchema) }) },
        },
      },
      async () => ({ items: [...ROLES] }),
    );

    app.post(
      '/users',
      {
        config: { access: ADMIN },
        schema: { operationId: 'createUser', tags: ['users'], summary: 'Create a user', body: userCreateSchema, response: { 201: userOutSchema } },
      },
      async (req, reply) => {
        const user = await createUser(ctx, req.body, currentActor(req));
        return reply.status(201).send(user);
      },
    );

    app.patch(
      '/users/:id',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'updateUser',
          tags: ['users'],
          summary: 'Change a user (name, role, team, password, active)',
          params: idParams,
          body: userPatchSchema,
          response: { 200: userOutSchema },
        },
      },
      async (req) => updateUser(ctx, req.params.id, req.body, currentActor(req)),
    );

    app.post(
      '/users/:id/api-tokens',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'createApiToken',
          tags: ['users'],
          summary: 'Create an API token (the secret is shown once), optionally with an expiry',
          params: idParams,
          body: tokenCreateSchema,
          response: { 201: createdTokenOutSchema },
        },
      },
      async (req, reply) => {
        await getUser(ctx, req.params.id);
        return reply.status(201).send(await createApiToken(ctx, req.params.id, req.body, currentActor(req)));
      },
    );

    app.get(
      '/users/:id/api-tokens',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'listApiTokens',
          tags: ['users'],
          summary: "A user's API tokens (never the secret)",
          params: idParams,
          response: { 200: z.object({ items: z.array(tokenOutSchema) }) },
        },
      },
      async (req) => {
        await getUser(ctx, req.params.id);
        return { items: await listApiTokens(ctx, req.params.id) };
      },
    );

    app.delete(
      '/users/:id/api-tokens/:tokenId',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'revokeApiToken',
          tags: ['users'],
          summary: 'Revoke an API token (it answers 401 from then on)',
          params: tokenParams,
          response: { 204: noContent('Revoked') },
        },
      },
      async (req, reply) => {
        await revokeApiToken(ctx, req.params.id, req.params.tokenId, currentActor(req));
        return reply.status(204).send();
      },
    );
  };
}
