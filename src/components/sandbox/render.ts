// The sandbox's views: plain functions from data to DOM, so app.ts only orchestrates.
import type { GradeReport } from '../../lib/schemas/report.ts';
import type { TaskHeading } from '../../lib/exercises/tasks.ts';
import type { RuntimeUnavailable } from '../../lib/sandbox/runtime.ts';
import { groupByTask, hintHtml, verdictLine } from '../../lib/sandbox/results.ts';
import { downloadFile, el } from './dom.ts';

const MARK = { pass: '✓', fail: '✗', skip: '○' } as const;
const SPOKEN = { pass: 'passed', fail: 'failed', skip: 'skipped' } as const;

/** Where a failing task's links lead: its text in the instructions, and its next unseen hint (if any is left). */
export interface TaskLinks {
  taskHref(task: number): string | undefined;
  /** Reveals the task's next hint; undefined when the learner has seen them all. */
  showHint(task: number): (() => void) | undefined;
}

/** A failing task's way out: read the task again, or take its next hint. */
function taskHelp(task: number, links: TaskLinks): HTMLElement[] {
  const href = links.taskHref(task);
  const show = links.showHint(task);
  if (!href && !show) return [];
  const help = el('p', { class: 'ct-sb-task-help' });
  if (href) help.append(el('a', { href }, `Read task ${task}`));
  if (show) {
    const button = el('button', { type: 'button', class: 'ct-sb-link' }, `Hint for task ${task}`);
    button.addEventListener('click', () => {
      show();
      if (!links.showHint(task)) button.remove();
    });
    help.append(button);
  }
  return [help];
}

/** The verdict line, then one section per task with each test's name, status and message. */
export function reportView(report: GradeReport, tasks: TaskHeading[], links?: TaskLinks): HTMLElement[] {
  return [
    el('p', { class: `ct-sb-verdict ct-sb-${report.verdict}`, 'data-verdict': report.verdict }, verdictLine(report)),
    ...(report.notice ? [el('p', { class: 'ct-sb-notice' }, report.notice)] : []),
    ...groupByTask(report, tasks).map((group) =>
      el(
        'section',
        { class: 'ct-sb-group' },
        el('h3', {}, group.task ? `${group.task.number}. ${group.task.title} (${group.passed}/${group.tests.length})` : 'Checks on the whole program'),
        ...(group.task && links && group.passed < group.tests.length ? taskHelp(group.task.number, links) : []),
        el(
          'ul',
          {},
          ...group.tests.map((test) =>
            el(
              'li',
              { class: `ct-sb-test ct-sb-${test.status}`, 'data-status': test.status },
              el('span', { class: 'ct-sb-mark', 'aria-hidden': 'true' }, MARK[test.status]),
              el('span', { class: 'ct-sb-sr' }, `${SPOKEN[test.status]}: `),
              test.name,
              // Focusable: a long message scrolls, and scrollable regions must be reachable by keyboard.
              ...(test.message ? [el('pre', { class: 'ct-sb-message', tabindex: '0' }, test.message)] : []),
            ),
          ),
        ),
      ),
    ),
  ];
}

/** Why the tests cannot run here, what to do, and the learner's files to take away. */
/** Shown only where WebContainer grades, that is where no local Node serves the page. */
export function problemView(problem: RuntimeUnavailable, exerciseId: string, files: Record<string, string>): HTMLElement[] {
  const downloads = el('p', {}, 'Your code: ');
  for (const [name, text] of Object.entries(files)) {
    const link = el('button', { type: 'button', class: 'ct-sb-link' }, `download ${name}`);
    link.addEventListener('click', () => downloadFile(name, text, 'text/plain'));
    downloads.append(link, ' ');
  }
  const headline = problem.reason === 'exercise-unsupported' ? 'This exercise cannot be graded in the browser sandbox. ' : 'The tests cannot run in this browser. ';
  return [
    el('p', {}, el('strong', {}, headline), problem.message),
    el('p', {}, problem.advice),
    el('p', {}, 'To grade on your own machine: clone the course, run ', el('code', {}, 'npm install'), ', then ', el('code', {}, `npm run grade -- ${exerciseId}`), ' (or ', el('code', {}, 'npm run dev'), ', where this page grades with local Node).'),
    downloads,
  ];
}

export function hintView(hint: { task: number; text: string }): HTMLElement {
  const li = el('li', {}, el('strong', {}, `Task ${hint.task}: `));
  li.insertAdjacentHTML('beforeend', hintHtml(hint.text));
  return li;
}
