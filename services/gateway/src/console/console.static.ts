import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { static as serveStatic } from 'express';
import { PAGE_CSP } from '../http/http-pipeline';

/** Where the web console is served. */
export const CONSOLE_PATH = '/console';
/** Vite's hashed bundles: a changed file has a new name, so they may be cached for good. */
export const CONSOLE_ASSETS_PATH = `${CONSOLE_PATH}/assets`;

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** A path the single-page app routes itself (no file extension in its last segment): answered with its page. */
const isAppRoute = (path: string) => !/\.[^/]*$/.test(path);

/**
 * The built web console (CONSOLE_DIR: its index.html and hashed assets), to mount at
 * /console. The page (at /console, /console/ and any extension-less path below, which the
 * app routes itself) is never cached, so a new build is picked up at the next load, and runs
 * under PAGE_CSP; the hashed assets (under /console/assets) are cacheable for a year.
 * Anything else falls through to the API's 404 in its usual shape.
 */
export function consoleMiddleware(consoleDir: string): RequestHandler {
  const root = resolve(consoleDir);
  const indexFile = join(root, 'index.html');
  const files = serveStatic(root, { index: false, redirect: false, fallthrough: true, dotfiles: 'ignore' });
  const assets = serveStatic(root, { index: false, redirect: false, fallthrough: true, maxAge: ONE_YEAR_MS, immutable: true });
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    // Mounted at /console: paths here are below it.
    if (request.path.startsWith('/assets/')) return assets(request, response, next);
    if (!isAppRoute(request.path)) return files(request, response, next);
    if (!existsSync(indexFile)) return next();
    response.setHeader('Content-Security-Policy', PAGE_CSP);
    response.setHeader('Cache-Control', 'no-store');
    response.sendFile(indexFile, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }, (error?: Error) => {
      if (error && !response.headersSent) next();
    });
  };
}
