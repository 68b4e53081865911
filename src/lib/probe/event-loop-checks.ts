// Conformance checks made from what two graders compare with: predict-the-order's programs and mini-event-loop's
// scenarios, each with the output recorded from Node 20 and Node 24 in the grader (src/lib/exercises/recorded-output.ts).
// Those graders no longer run Node while grading, so WebContainer cannot fail a right answer; the probe still shows
// whether WebContainer's event loop orders these programs as Node does, which is what a learner who runs them sees.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../exercises/load.ts';
import { miniEventLoop, predictTheOrder, PREDICT_SUPPORT_DIR, programsIn, readRecord, scenarioProgram, scenariosOf } from '../exercises/recorded-output.ts';
import type { ConformanceCheck } from './checks.ts';

export function eventLoopChecks(): ConformanceCheck[] {
  const supportFiles = Object.fromEntries(programsIn(PREDICT_SUPPORT_DIR).map((name) => [name, readFileSync(join(PREDICT_SUPPORT_DIR, name), 'utf8')]));
  const printed = readRecord(predictTheOrder.grader) as Record<string, string[]>;
  const programs = programsIn(PREDICT_SUPPORT_DIR).map((program) => ({
    id: `predict-the-order/${program}`,
    title: `predict-the-order's ${program} prints what Node prints`,
    usedBy: [predictTheOrder.exercise],
    files: supportFiles,
    main: program,
    expected: printed[program] ?? [],
  }));
  const scenarios = Object.entries(scenariosOf(readRecord(miniEventLoop.grader), relative(PROJECT_ROOT, miniEventLoop.grader))).map(([what, scenario], i) => ({
    id: `mini-event-loop/scenario-${i + 1}`,
    title: `mini-event-loop's scenario "${what}" logs what Node logs`,
    usedBy: [miniEventLoop.exercise],
    files: { 'main.mjs': scenarioProgram(scenario.body.join('\n')) },
    main: 'main.mjs',
    // The program prints the logged lines as one line of JSON.
    expected: [JSON.stringify(scenario.prints)],
  }));
  return [...programs, ...scenarios];
}
