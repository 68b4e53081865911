// Type-checks every exercise variant (solution, alt/, starter, wrong/) together with its grader and
// support files, in the same grading workspace the runner builds, so `#subject/...` resolves as it does when
// grading. Strict like the rest of the project, with the exercise overrides the sandbox editor shares
// (src/lib/exercises/compiler-options.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXERCISE_COMPILER_OVERRIDES } from '../src/lib/exercises/compiler-options.ts';
import { PROJECT_ROOT, listExercises, readSupport } from '../src/lib/exercises/load.ts';
import { variantsOf } from '../src/lib/exercises/variants.ts';
import { buildWorkspace, RUNTIME_FILES } from '../src/lib/grading/workspace.ts';

// A folder of its own per run, so that two runs at once (two terminals, parallel tests) do not overwrite each other.
const root = join(PROJECT_ROOT, `.grading/typecheck-${process.pid}`);
rmSync(root, { recursive: true, force: true });
const runtime = Object.fromEntries(RUNTIME_FILES.map((f) => [f, readFileSync(join(PROJECT_ROOT, 'src/lib/grading', f), 'utf8')]));
for (const exercise of listExercises()) {
  for (const variant of variantsOf(exercise)) {
    const files = buildWorkspace({
      grader: readFileSync(join(exercise.dir, 'grader.test.ts'), 'utf8'),
      subject: variant.files,
      support: readSupport(exercise),
      runtime,
      testTimeoutMs: exercise.meta.testTimeoutMs,
      threadFiles: exercise.meta.threadFiles,
    });
    const dir = join(root, exercise.meta.id, variant.label);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  }
}
writeFileSync(
  join(root, 'tsconfig.json'),
  JSON.stringify({
    extends: '../../tsconfig.json',
    include: ['**/*.ts'],
    exclude: [],
    compilerOptions: EXERCISE_COMPILER_OVERRIDES,
  }),
);
try {
  execFileSync(join(PROJECT_ROOT, 'node_modules/.bin/tsc'), ['-p', join(root, 'tsconfig.json')], { stdio: 'pipe', encoding: 'utf8' });
  console.log('Every exercise variant type-checks.');
} catch (error) {
  const out = (error as { stdout?: string }).stdout ?? String(error);
  // Show paths as exercise files: .grading/typecheck-<pid>/<id>/<variant>/subject/x.ts -> <id> <variant>: x.ts
  console.error(out.replace(/\.grading\/typecheck-\d+\/([^/]+\/[^/]+)\/([^(]+?)\/(subject\/)?/g, 'exercises/$1 [$2] '));
  process.exitCode = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
