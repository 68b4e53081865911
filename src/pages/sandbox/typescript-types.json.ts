// /sandbox/typescript-types.json: what the sandbox editor's TypeScript worker loads besides the compiler (the
// compiler options `npm run typecheck` uses, the standard library, the part of @types/node that exercises use).
// Built with the site, like each exercise's /sandbox/<id>.json; fetched only once a learner is in an editor.
import type { APIRoute } from 'astro';
import { buildTypesBundle } from '../../lib/sandbox/typescript-types.ts';

export const GET: APIRoute = () => new Response(JSON.stringify(buildTypesBundle()), { headers: { 'Content-Type': 'application/json' } });
