// The local-Node grading endpoint of `npm run dev` and `npm run preview` (never part of the static build).
// It runs the same runner as the CLI, so the report, limits and verdicts are identical.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listExercises, type Exercise } from '../exercises/load.ts';
import { runGrader } from './run-grader.ts';

export const GRADE_PATH = '/__grade';
const MAX_BODY = 512 * 1024;

/** Only loopback peers, and only pages of this very site: no other origin may make us run code. */
export function rejectReason(req: IncomingMessage): string | undefined {
  const peer = req.socket.remoteAddress ?? '';
  if (!/^(127\.|::1$|::ffff:127\.)/.test(peer)) return `requests from ${peer} are refused: the grading endpoint serves this machine only`;
  const host = req.headers.host;
  const origin = req.headers.origin;
  if (!host || !origin) return 'a request without Host and Origin headers is refused';
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `Origin ${origin} is not a URL`;
  }
  if (originHost !== host) return `Origin ${origin} is not this site (${host})`;
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return `Sec-Fetch-Site ${String(fetchSite)} is refused`;
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return 'the body must be application/json';
  return undefined;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error(`the request is larger than ${MAX_BODY / 1024} KB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses `{ exercise, files }`, checking the exercise exists and only its learner files are sent. */
export function parseGradeBody(text: string, exercises: Exercise[]): { exercise: Exercise; files: Record<string, string> } | { error: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: 'the body is not JSON' };
  }
  const { exercise: id, files } = (body ?? {}) as { exercise?: unknown; files?: unknown };
  const exercise = exercises.find((e) => e.meta.id === id);
  if (!exercise) return { error: `no exercise "${String(id)}"` };
  if (!files || typeof files !== 'object') return { error: 'files must be an object of file name to text' };
  const entries = Object.entries(files as Record<string, unknown>);
  for (const [name, text] of entries) {
    if (!exercise.meta.files.includes(name)) return { error: `"${name}" is not a file of ${exercise.meta.id} (${exercise.meta.files.join(', ')})` };
    if (typeof text !== 'string') return { error: `files["${name}"] must be text` };
  }
  return { exercise, files: Object.fromEntries(entries) as Record<string, string> };
}

/** Connect-style middleware for Vite's dev and preview servers. */
export function gradingMiddleware() {
  return async (req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== GRADE_PATH) return next();
    if (req.method === 'GET') return send(res, 200, { available: true, runtime: 'local-node', node: process.versions.node });
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST' });
    const refused = rejectReason(req);
    if (refused) return send(res, 403, { error: refused });
    try {
      const exercises = listExercises();
      const parsed = parseGradeBody(await readBody(req), exercises);
      if ('error' in parsed) return send(res, 400, { error: parsed.error });
      const report = await runGrader({ exercise: parsed.exercise, subject: parsed.files });
      return send(res, 200, report);
    } catch (error) {
      return send(res, 500, { error: (error as Error).message });
    }
  };
}

