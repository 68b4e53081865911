// Usage: node scripts/check-exercise.ts <exercise-id>...   (or no id for every exercise)
// Grades every variant of the exercises (solution, alt/, starter, wrong/) on every Node runtime and says whether
// each got the verdict it must: the reference and each alternative pass; the starter and each wrong solution fail.
// The variants of one exercise are graded in one Vitest process per Node (see src/lib/runner/run-batch.ts).
import { listExercises, resolveExercise } from '../src/lib/exercises/load.ts';
import { variantsOf } from '../src/lib/exercises/variants.ts';
import { runGraderBatch } from '../src/lib/runner/run-batch.ts';
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
    const variants = variantsOf(exercise);
    const started = performance.now();
    const { reports, fellBack } = await runGraderBatch({ exercise, variants, nodePath: runtime.path });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      fellBack
        ? `${exercise.meta.id} on ${runtime.label}: ${variants.length} variants graded one at a time (because ${fellBack}) in ${seconds} s`
        : `${exercise.meta.id} on ${runtime.label}: ${variants.length} variants graded in one Vitest process in ${seconds} s`,
    );
    for (const [i, variant] of variants.entries()) {
      const report = reports[i]!;
      const ok = variant.mustPass ? report.verdict === 'pass' : report.verdict !== 'pass' && report.verdict !== 'error';
      if (!ok) bad++;
      console.log(`${ok ? 'ok  ' : 'BAD '} ${exercise.meta.id} ${variant.label} on ${runtime.label}: ${report.verdict}${fellBack ? ` (${report.durationMs} ms)` : ''}`);
      for (const t of report.tests) {
        if (t.status !== 'pass' || !ok) console.log(`       ${testLine(t)}`);
      }
    }
  }
}
console.log(bad ? `${bad} variant(s) got the wrong verdict` : 'every variant got the verdict it must');
process.exitCode = bad ? 1 : 0;
