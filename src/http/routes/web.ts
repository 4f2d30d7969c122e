/**
 * The web UI: static files from web/ (no build step). GET / answers web/index.html, GET /web/*
 * the files below web/. A requested path is resolved and must stay inside web/; anything else,
 * a directory or a missing file answers 404. The UI talks to the API like any other client.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../errors.ts';

export const WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The UI loads only its own files and talks only to this origin. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The absolute file for a path below root, or null when it would leave root. */
export function resolveInside(root: string, relative: string): string | null {
  if (relative.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, relative.replace(/^\/+/, ''));
  return file.startsWith(base + sep) ? file : null;
}

/** A regular file whose real path (symbolic links followed) is still inside root, or null. */
async function existingFileInside(root: string, file: string | null) {
  if (file === null) return null;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!realFile.startsWith(realRoot + sep)) return null;
    const info = await stat(realFile);
    return info.isFile() ? { file: realFile, size: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  root: string,
  requested: string | null,
) {
  const type = requested === null ? undefined : CONTENT_TYPES[extname(requested).toLowerCase()];
  const found = type === undefined ? null : await existingFileInside(root, requested);
  if (found === null || type === undefined) {
    return sendProblem(reply, 404, 'not_found', `no file ${request.url.split('?')[0]}`);
  }
  const { file, size, mtimeMs } = found;
  const etag = `"${createHash('sha1').update(`${file}:${size}:${mtimeMs}`).digest('base64url')}"`;
  reply
    .header('content-type', type)
    .header('cache-control', 'no-cache')
    .header('etag', etag)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');
  if (type.startsWith('text/html')) {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-frame-options', 'DENY');
  }
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.send(await readFile(file));
}

export function webRoutes(app: FastifyInstance, options: { root?: string } = {}) {
  const root = options.root ?? WEB_ROOT;
  app.get('/', { schema: { hide: true } }, (request, reply) =>
    sendFile(request, reply, root, resolveInside(root, 'index.html')),
  );
  app.get<{ Params: { '*': string } }>('/web/*', { schema: { hide: true } }, (request, reply) =>
    sendFile(request, reply, root, resolveInside(root, request.params['*'])),
  );
}
