import { defineConfig, loadEnv } from 'vite';

/**
 * The console is served by the gateway at /console/ under a strict Content-Security-Policy:
 * every script and style is a file of its own (no inline code), so the build emits hashed
 * assets only. `vite` (development) and `vite preview` (the build) proxy the API to a running
 * `npm start` (GATEWAY_URL, default http://localhost:3000).
 */

/** The gateway's PAGE_CSP, the policy the console runs under; `vite preview` sends it too, to catch any inline code. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

const API_PREFIXES = ['/auth', '/intents', '/wallets', '/customers', '/ledger', '/reports', '/operations', '/sandbox'];

export default defineConfig(({ mode }) => {
  const gateway = loadEnv(mode, '.', '').GATEWAY_URL || 'http://localhost:3000';
  const proxy = Object.fromEntries(API_PREFIXES.map((prefix) => [prefix, gateway]));
  return {
    base: '/console/',
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0, sourcemap: false },
    server: { proxy },
    preview: { proxy, headers: { 'content-security-policy': CONTENT_SECURITY_POLICY } },
  };
});
