// The local-Node runtime: grades through the dev/preview server's endpoint (src/lib/runner/grading-endpoint.ts),
// which runs the CLI's runner. Only there: the static build has no such endpoint.
import { gradeReportSchema, type GradeReport } from '../schemas/report.ts';
import { RuntimeUnavailable, type GradeRequest, type OnStep, type SandboxRuntime } from './runtime.ts';

export const GRADE_ENDPOINT = '/__grade';

/** True when this page is served by `npm run dev` or `npm run preview` (the endpoint answers). */
export async function localNodeAvailable(fetchImpl: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetchImpl(GRADE_ENDPOINT, { method: 'GET', cache: 'no-store' });
    if (!response.ok) return false;
    const body = (await response.json()) as { available?: unknown };
    return body.available === true;
  } catch {
    return false;
  }
}

export function createLocalNodeRuntime(fetchImpl: typeof fetch = (...args) => fetch(...args)): SandboxRuntime {
  return {
    kind: 'local-node',
    async prepare(onStep: OnStep) {
      onStep({ step: 'checking', label: 'Looking for the local grading server' });
      if (!(await localNodeAvailable(fetchImpl))) {
        throw new RuntimeUnavailable(
          'no-local-server',
          'This page is not served by `npm run dev` or `npm run preview`, so local Node cannot grade here.',
          'Run the course locally (npm install, then npm run dev) or grade in a terminal.',
        );
      }
    },
    async grade(request: GradeRequest, onStep: OnStep, signal?: AbortSignal): Promise<GradeReport> {
      onStep({ step: 'running', label: `Running the tests with local Node (limit ${request.exercise.timeLimitMs / 1000} s)` });
      const response = await fetchImpl(GRADE_ENDPOINT, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ exercise: request.exercise.id, files: request.subject }),
        ...(signal ? { signal } : {}),
      });
      const body: unknown = await response.json();
      if (!response.ok) {
        const message = (body as { error?: string }).error ?? `HTTP ${response.status}`;
        throw new RuntimeUnavailable('no-local-server', `The local grading server refused the request: ${message}`, 'Grade in a terminal instead.');
      }
      return gradeReportSchema.parse(body);
    },
  };
}
