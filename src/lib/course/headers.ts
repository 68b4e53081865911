/**
 * WebContainer needs a cross-origin isolated page: these two headers on every page, in dev, preview and every
 * host we ship a config for (public/_headers for Netlify and Cloudflare Pages, vercel.json for Vercel).
 * Under require-corp a page may load no cross-origin resource that does not opt in, so the course loads none.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;
