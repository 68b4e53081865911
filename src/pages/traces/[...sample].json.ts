// /traces/<module>/<sample file>.json: a recorded event-loop trace, fetched when its <LoopTrace> scrolls into view.
import type { APIRoute, GetStaticPaths } from 'astro';
import { TRACED_SAMPLES, readTrace } from '../../lib/trace/record.ts';
import { traceView } from '../../lib/trace/view.ts';

export const getStaticPaths = (() => TRACED_SAMPLES.map((sample) => ({ params: { sample } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(JSON.stringify(traceView(readTrace(params.sample!))), { headers: { 'Content-Type': 'application/json' } });
