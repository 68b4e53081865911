// Usage: node scripts/check-exercise.ts <exercise-id>...   (or no id for every exercise)
// Grades every variant of the exercises (solution, starter, each wrong solution) on every Node runtime and says
// whether each got the verdict it must: the reference passes; the starter and each wrong solution fail.
import { listExercises, resolveExercise } from '../src/lib/exercises/load.ts';
import { variantsOf } from '../src/lib/exercises/variants.ts';
import { runGrader } from '../src/lib/runner/run-grader.ts';
import { testLine } from '../src/lib/grading/report.ts';
import { nodeRuntimes } from '../src/lib/runner/node-binaries.ts';

const all = listExercises();
const wanted = process.argv.slice(2);
const exercises = wanted.length
  ? wanted.map((q) => {
      const r = resolveExercise(q, all);
      if (r.kind !== 'found') throw new Error(`No single exercise matches "${q}"`);
      return r.exercise;
    })
  : all;
let bad = 0;
for (const exercise of exercises) {
  for (const runtime of nodeRuntimes()) {
    for (const variant of variantsOf(exercise)) {
      const report = await runGrader({ exercise, subject: variant.files, nodePath: runtime.path });
      const ok = variant.mustPass ? report.verdict === 'pass' : report.verdict !== 'pass' && report.verdict !== 'error';
      if (!ok) bad++;
      console.log(`${ok ? 'ok  ' : 'BAD '} ${exercise.meta.id} ${variant.label} on ${runtime.label}: ${report.verdict} (${report.durationMs} ms)`);
      for (const t of report.tests) {
        if (t.status !== 'pass' || !ok) console.log(`       ${testLine(t)}`);
      }
    }
  }
}
console.log(bad ? `${bad} variant(s) got the wrong verdict` : 'every variant got the verdict it must');
process.exitCode = bad ? 1 : 0;
