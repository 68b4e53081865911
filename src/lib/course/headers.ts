/**
 * WebContainer needs a cross-origin isolated page: these two headers on every page, in dev, preview and every
 * host we ship a config for (public/_headers for Netlify and Cloudflare Pages, vercel.json for Vercel).
 * Under require-corp a page may load no cross-origin resource that does not opt in, so the course loads none.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/**
 * For the sandbox's test tools, /sandbox/runtime.<hash>.snapshot.gz, in the hosts' configs: a new build writes a new
 * name, so the file may be cached for a year. No Content-Encoding: the page unpacks the gzip itself. The dev and
 * preview servers leave them out: their pages grade with local Node and never download the file.
 */
export const SNAPSHOT_HEADERS = {
  'Cache-Control': 'public, max-age=31536000, immutable',
  'Content-Type': 'application/gzip',
} as const;
