// /sandbox/<module>/<slug>.json: the sandbox's data for one exercise, fetched when the learner opens it.
import type { APIRoute, GetStaticPaths } from 'astro';
import { listExercises } from '../../lib/exercises/load.ts';
import { sandboxPayload } from '../../lib/course/sandbox-payload.ts';

export const getStaticPaths = (() => listExercises().map((exercise) => ({ params: { id: exercise.meta.id }, props: { exercise } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { exercise } = props as { exercise: ReturnType<typeof listExercises>[number] };
  return new Response(JSON.stringify(sandboxPayload(exercise)), { headers: { 'Content-Type': 'application/json' } });
};
