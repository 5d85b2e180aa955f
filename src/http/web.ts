import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { repoPath } from '../repo-root';

// The built React app (web/dist) served by the API process, so production is one process.
// Hashed files under /assets/ never change: cached for a year. index.html always revalidates.
// The build writes .br and .gz next to each file (scripts/build-web.mjs); we serve those as they are.
export const DEFAULT_WEB_DIST = repoPath('web/dist');

export interface WebAppOptions {
  /** Directory with index.html and assets/; defaults to web/dist. */
  distDir?: string;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const webRoots = new WeakMap<object, string>();

/** Serves web/dist if it exists (API-only test apps simply have none); returns whether it did. */
export async function registerWebApp(app: FastifyInstance, opts: WebAppOptions = {}): Promise<boolean> {
  const root = resolve(opts.distDir ?? DEFAULT_WEB_DIST);
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn(`web app not built (${root}/index.html missing): run npm run build:web`);
    return false;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: false,
    preCompressed: true,
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes(`${sep}assets${sep}`) ? IMMUTABLE : REVALIDATE);
    },
  });
  webRoots.set(app, root);
  // The root is a directory to @fastify/static (index: false keeps it from serving index.html with
  // the long cache of an asset); answer it like any other page of the app.
  app.get('/', { schema: { hide: true } }, (_req, reply) => sendIndex(reply, root));
  return true;
}

function webRootOf(req: FastifyRequest): string | undefined {
  // Route contexts are prototype children of the root instance: walk up to the one we registered.
  let s: object | null = req.server;
  while (s) {
    const root = webRoots.get(s);
    if (root) return root;
    s = Object.getPrototypeOf(s) as object | null;
  }
  return undefined;
}

/**
 * SPA fallback for the not-found handler: a GET/HEAD outside /api for a page (not a missing
 * asset file) gets index.html so the client router can show it. Returns false when it did nothing.
 */
export function serveWebFallback(req: FastifyRequest, reply: FastifyReply): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.url.split('?')[0] ?? '/';
  if (path === '/api' || path.startsWith('/api/')) return false;
  if (path.startsWith('/assets/')) return false; // a stale hashed file: a real 404
  const root = webRootOf(req);
  if (!root) return false;
  // 客户自助 has its own page and bundle (web/portal.html), light for phones.
  void sendIndex(reply, root, path === '/portal' || path.startsWith('/portal/') ? 'portal.html' : 'index.html');
  return true;
}

function sendIndex(reply: FastifyReply, root: string, page = 'index.html') {
  reply.header('cache-control', REVALIDATE);
  reply.type('text/html; charset=utf-8');
  return reply.sendFile(page, root);
}
