// The sandbox, loaded on demand by loader.ts: the editor, "Run tests", results by task, hints, reset with undo,
// the solution as a diff, status, and the runtime (WebContainer, or local Node when the page is served locally).
import type { SandboxPayload } from '../../lib/course/sandbox-payload.ts';
import type { GradeReport } from '../../lib/schemas/report.ts';
import { gradeRequest, RuntimeUnavailable, type GradeRequest, type SandboxRuntime, type SandboxStep } from '../../lib/sandbox/runtime.ts';
import { createLocalNodeRuntime, localNodeAvailable } from '../../lib/sandbox/local-node.ts';
import { isPersistent, store, webContainerRuntime } from './page-state.ts';
import { createEditor, type Editor } from './editor.ts';
import { el } from './dom.ts';
import { exportProgress, pickProgressFile } from '../progress-transfer.ts';
import { hintView, problemView, reportView } from './render.ts';
import { TRANSFER_MESSAGES } from '../../lib/progress/messages.ts';
import { firstFailingTask, nextHintIndex, seenHints } from '../../lib/exercises/tasks.ts';

const STATUS_TEXT = { 'not started': 'Not started', attempted: 'Attempted', passed: 'Passed' } as const;
/** Failures the runtime retries when asked again (see createWebContainerRuntime): Run tries again after these. */
const RETRYABLE = new Set<RuntimeUnavailable['reason']>(['boot-timeout', 'prepare-failed', 'smoke-test']);

export async function mountSandbox(host: HTMLElement, { focus }: { focus: boolean }): Promise<void> {
  const src = host.dataset.src!;
  const placeholder = host.querySelector<HTMLElement>('[data-sandbox-placeholder]');
  const placeholderStatus = host.querySelector<HTMLElement>('[data-sandbox-placeholder-status]');
  if (placeholderStatus) placeholderStatus.textContent = 'Loading the editor…';
  const response = await fetch(src);
  if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
  const payload = (await response.json()) as SandboxPayload;
  const app = new SandboxApp(host, payload);
  placeholder?.remove();
  host.append(app.root);
  app.start(focus);
}

class SandboxApp {
  readonly root: HTMLElement;
  readonly #p: SandboxPayload;
  readonly #host: HTMLElement;
  #editor!: Editor;
  #runtime: SandboxRuntime | undefined;
  #runtimeProblem: RuntimeUnavailable | undefined;
  /** Whether the server of this page grades with local Node; asked once, when the sandbox starts. */
  #localCheck: Promise<boolean> = Promise.resolve(false);
  #running = false;
  #runs = 0;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #closeDiff: (() => void) | undefined;

  // Elements the app updates.
  readonly #status = el('span', { class: 'ct-sb-status', role: 'status' });
  readonly #run = el('button', { type: 'button', class: 'ct-sb-run' }, 'Run tests');
  readonly #hint = el('button', { type: 'button' }, 'Show a hint');
  /** Revealed hints by index, in the order shown. */
  #hintsSeen: number[] = [];
  /** The first failing task of the latest run in this page, whose hints come first. */
  #failingTask: number | undefined;
  readonly #reset = el('button', { type: 'button' }, 'Reset to starter');
  readonly #undoReset = el('button', { type: 'button', hidden: '' }, 'Undo reset');
  readonly #solution = el('button', { type: 'button' }, 'Show solution');
  readonly #steps = el('div', { class: 'ct-sb-steps', 'aria-live': 'polite' });
  readonly #progress = el('progress', { max: '1', hidden: '' });
  readonly #problem = el('div', { class: 'ct-sb-problem', role: 'alert', hidden: '' });
  readonly #results = el('div', { class: 'ct-sb-results', 'aria-live': 'polite' });
  // Scrollable regions must be reachable by keyboard (WCAG 2.1.1).
  readonly #output = el('pre', { class: 'ct-sb-output', tabindex: '0' });
  readonly #outputBox = el('details', { class: 'ct-sb-output-box', hidden: '' }, el('summary', {}, 'Raw output'), this.#output);
  readonly #hints = el('ol', { class: 'ct-sb-hints', 'aria-label': 'Hints' });
  readonly #diff = el('div', { class: 'ct-sb-diff' });
  readonly #diffBox = el('section', { class: 'ct-sb-diff-box', hidden: '', 'aria-label': 'Your code beside the reference solution' });
  readonly #notice = el('p', { class: 'ct-sb-notice', role: 'status' });
  /** Where WebContainer grades: whose service it is, and that grading locally needs none of it. */
  readonly #about: HTMLElement;

  constructor(host: HTMLElement, payload: SandboxPayload) {
    this.#host = host;
    this.#p = payload;
    this.#about = el(
      'p',
      { class: 'ct-sb-about', hidden: '' },
      'On this site the tests run in your browser on StackBlitz’s WebContainer, which loads from stackblitz.com under ',
      el('a', { href: 'https://stackblitz.com/terms-of-service', rel: 'noopener' }, 'StackBlitz’s terms'),
      '. Grading on your own machine (',
      el('code', {}, `npm run grade -- ${payload.id}`),
      ') needs none of it.',
    );
    const tabs = el('div', { class: 'ct-sb-tabs', role: 'tablist', 'aria-label': 'Files' });
    const editorBox = el('div', { class: 'ct-sb-editor' });
    const exportButton = el('button', { type: 'button' }, 'Export progress');
    const importButton = el('button', { type: 'button' }, 'Import progress');
    exportButton.addEventListener('click', () => this.#export());
    importButton.addEventListener('click', () => void this.#import());
    const closeDiff = el('button', { type: 'button' }, 'Hide solution');
    closeDiff.addEventListener('click', () => this.#hideDiff());
    this.#diffBox.append(el('h3', {}, 'Your code (left) and the reference solution (right)'), this.#diff, closeDiff);

    this.root = el(
      'div',
      { class: 'ct-sb' },
      el('div', { class: 'ct-sb-bar' }, this.#status, this.#run, this.#hint, this.#reset, this.#undoReset, this.#solution),
      el('ol', { class: 'ct-sb-tasks', 'aria-label': 'Tasks' }, ...payload.tasks.map((t) => el('li', { value: String(t.number) }, t.title))),
      this.#hints,
      tabs,
      editorBox,
      el('div', { class: 'ct-sb-progress' }, this.#steps, this.#progress),
      this.#problem,
      this.#results,
      this.#outputBox,
      this.#diffBox,
      el('div', { class: 'ct-sb-data' }, exportButton, importButton, this.#notice),
      this.#about,
    );

    const saved = store().getCode(payload.id);
    this.#editor = createEditor({
      parent: editorBox,
      tabs,
      files: [
        ...payload.files.map((name) => ({ name, text: saved?.files[name] ?? payload.starter[name] ?? '', readOnly: false })),
        ...Object.entries(payload.support).map(([name, text]) => ({ name: `support/${name}`, text, readOnly: true })),
      ],
      onChange: () => this.#scheduleSave(),
      onRun: () => void this.run(),
      onFocus: () => this.#warmUp(),
    });

    this.#run.title = 'Run tests (Ctrl+Enter or Cmd+Enter in the editor)';
    this.#run.addEventListener('click', () => void this.run());
    this.#hint.addEventListener('click', () => this.#showHint());
    this.#reset.addEventListener('click', () => this.#resetToStarter());
    this.#undoReset.addEventListener('click', () => this.#undoTheReset());
    this.#solution.addEventListener('click', () => this.#showSolution());
    window.addEventListener('beforeunload', () => this.#saveNow());
  }

  start(focus: boolean): void {
    this.#renderStatus();
    this.#hintsSeen = seenHints(store().getStatus(this.#p.id)).filter((i) => i < this.#p.hints.length);
    for (const i of this.#hintsSeen) this.#appendHint(this.#p.hints[i]!);
    this.#updateHintButton();
    this.#undoReset.hidden = store().history(this.#p.id).length === 0;
    for (const problem of store().problems()) this.#say(`Some saved data could not be read: ${problem.message}`);
    if (!isPersistent()) this.#say('This browser blocks site storage, so your code will not survive a reload: use "Export progress" to keep a copy.');
    const unsupported = this.#p.webContainerUnsupported;
    if (unsupported) {
      // Known up front: say so now, rather than after a boot and a run that could not be trusted.
      this.#runtimeProblem = new RuntimeUnavailable('exercise-unsupported', unsupported, 'Grade this exercise on your own machine, where it runs on real Node.');
      this.#showProblem(this.#runtimeProblem);
    }
    // Where `npm run dev` or `npm run preview` serves the page, local Node grades: the reference Node, no 22 MB
    // download and no boot. WebContainer is for the static site, and starts only once this check has said no.
    this.#localCheck = localNodeAvailable().then((available) => {
      if (available) this.#useLocalNode();
      this.#about.hidden = available;
      if (available && unsupported) this.#say(`Grading with local Node (the server that serves this page): this exercise cannot be graded in the browser sandbox. ${unsupported}`);
      return available;
    });
    if (focus) this.#editor.focus();
  }

  // --- Running -------------------------------------------------------------------------------------------------

  #useLocalNode(): void {
    this.#runtime = createLocalNodeRuntime();
    this.#runtimeProblem = undefined;
    this.#problem.hidden = true;
    this.#say('Grading with local Node (the server that serves this page).');
  }

  /** Boots WebContainer on first interaction (editor focus or Run), never on page load, and never where local Node grades. */
  #warmUp(): void {
    void this.#localCheck.then((available) => {
      if (available || this.#runtime || this.#runtimeProblem) return;
      void this.#prepareWebContainer();
    });
  }

  #preparing: Promise<SandboxRuntime | undefined> | undefined;
  /**
   * Prepares WebContainer, or joins the preparation under way. After a failure that a retry can cure (a boot that
   * timed out, a download or smoke test that failed: the runtime starts those again), `retry` (the Run button)
   * tries again; a focus of the editor does not. Other failures (an unsuitable browser, a boot that failed) stay.
   */
  #prepareWebContainer(retry = false): Promise<SandboxRuntime | undefined> {
    if (this.#runtimeProblem && retry && RETRYABLE.has(this.#runtimeProblem.reason)) {
      this.#runtimeProblem = undefined;
      this.#problem.hidden = true;
    }
    if (this.#runtimeProblem) return Promise.resolve(undefined);
    this.#preparing ??= (async () => {
      try {
        const runtime = await webContainerRuntime();
        await runtime.prepare((step) => this.#showStep(step));
        this.#runtime ??= runtime;
        this.#clearSteps();
        return runtime;
      } catch (error) {
        this.#clearSteps();
        this.#runtimeProblem =
          error instanceof RuntimeUnavailable
            ? error
            : new RuntimeUnavailable('boot-failed', `The in-browser environment failed to start: ${(error as Error).message}`, 'Try a Chromium-based browser, Firefox or Safari, or grade locally.');
        // The learner may have switched to local Node meanwhile: then the sandbox's failure is no longer news.
        if (!this.#runtime) this.#showProblem(this.#runtimeProblem);
        this.#preparing = undefined;
        return undefined;
      }
    })();
    return this.#preparing;
  }

  async run(): Promise<void> {
    if (this.#running) return;
    this.#saveNow();
    this.#running = true;
    this.#run.disabled = true;
    this.#results.replaceChildren(el('p', {}, 'Running the tests…'));
    try {
      if (!this.#runtime) await this.#localCheck;
      const runtime = this.#runtime ?? (await this.#prepareWebContainer(true));
      if (!runtime) {
        this.#results.replaceChildren(el('p', {}, 'The tests did not run: see the message above.'));
        return;
      }
      const report = await runtime.grade(this.#request(), (step) => this.#showStep(step));
      this.#runs++;
      store().recordRun(this.#p.id, report.verdict);
      this.#failingTask = firstFailingTask(report.tests);
      this.#renderReport(report);
      this.#renderStatus();
    } catch (error) {
      const problem =
        error instanceof RuntimeUnavailable ? error : new RuntimeUnavailable('prepare-failed', `Grading failed: ${(error as Error).message}`, 'Try again, or grade locally.');
      this.#showProblem(problem);
      this.#results.replaceChildren();
    } finally {
      this.#clearSteps();
      this.#running = false;
      this.#run.disabled = false;
    }
  }

  #request(): GradeRequest {
    return gradeRequest(this.#p, this.#editor.contents());
  }

  // --- Rendering -----------------------------------------------------------------------------------------------

  #showStep(step: SandboxStep): void {
    this.#steps.textContent = `${step.label}…`;
    this.#progress.hidden = step.progress === undefined;
    if (step.progress !== undefined) this.#progress.value = step.progress;
  }

  #clearSteps(): void {
    this.#steps.textContent = '';
    this.#progress.hidden = true;
  }

  #showProblem(problem: RuntimeUnavailable): void {
    this.#problem.replaceChildren(...problemView(problem, this.#p.id, this.#editor.contents()));
    this.#problem.dataset.reason = problem.reason;
    this.#problem.hidden = false;
  }

  #renderReport(report: GradeReport): void {
    this.#results.replaceChildren(...reportView(report, this.#p.tasks));
    this.#output.textContent = report.output ?? '';
    this.#outputBox.hidden = !report.output;
  }

  #renderStatus(): void {
    const status = store().getStatus(this.#p.id)?.status ?? 'not started';
    this.#status.textContent = STATUS_TEXT[status];
    this.#status.dataset.status = status;
    this.#host.dataset.status = status;
  }

  #say(text: string): void {
    this.#notice.textContent = text;
  }

  // --- Hints, reset, solution ----------------------------------------------------------------------------------

  #appendHint(hint: { task: number; text: string }): void {
    this.#hints.append(hintView(hint));
  }

  #updateHintButton(): void {
    const shown = this.#hintsSeen.length;
    this.#hint.disabled = shown >= this.#p.hints.length;
    this.#hint.textContent = shown >= this.#p.hints.length ? 'No more hints' : `Show a hint (${shown}/${this.#p.hints.length})`;
  }

  /** The next hint of the first task the latest run failed, else the next in order. */
  #showHint(): void {
    const index = nextHintIndex(this.#p.hints, this.#hintsSeen, this.#failingTask);
    if (index === undefined) return;
    this.#hintsSeen.push(index);
    this.#appendHint(this.#p.hints[index]!);
    store().recordHint(this.#p.id, [...this.#hintsSeen]);
    this.#updateHintButton();
  }

  #resetToStarter(): void {
    this.#saveNow();
    const reset = store().resetCode(this.#p.id, this.#p.starter);
    if (!reset.ok) {
      this.#say(`${reset.message} Your code was left as it is.`);
      return;
    }
    this.#editor.setContents(this.#p.starter);
    this.#undoReset.hidden = false;
    this.#say('Your code was replaced by the starter. "Undo reset" brings it back.');
  }

  #undoTheReset(): void {
    const restored = store().undoReset(this.#p.id);
    if (!restored.ok) {
      this.#say(restored.message);
      return;
    }
    this.#editor.setContents(restored.files);
    this.#undoReset.hidden = store().history(this.#p.id).length === 0;
    this.#say('Your previous code is back.');
  }

  #showSolution(): void {
    if (this.#runs === 0 && (store().getStatus(this.#p.id)?.runs ?? 0) === 0) {
      const sure = window.confirm('You have not run the tests yet. Looking at the solution first takes away most of the learning. Show it anyway?');
      if (!sure) return;
    }
    this.#hideDiff();
    this.#saveNow();
    const file = this.#editor.current();
    const name = this.#p.files.includes(file) ? file : this.#p.files[0]!;
    this.#closeDiff = showDiffLazily(this.#diff, this.#editor.contents()[name] ?? '', this.#p.solution[name] ?? '');
    this.#diffBox.hidden = false;
  }

  #hideDiff(): void {
    this.#closeDiff?.();
    this.#closeDiff = undefined;
    this.#diff.replaceChildren();
    this.#diffBox.hidden = true;
  }

  // --- Saving, export, import ----------------------------------------------------------------------------------

  #scheduleSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#saveNow(), 300);
  }

  #saveNow(): void {
    clearTimeout(this.#saveTimer);
    const saved = store().saveCode(this.#p.id, this.#editor.contents());
    if (!saved.ok) this.#say(`${saved.message} Use "Export progress" to keep a copy of your code.`);
  }

  #export(): void {
    this.#saveNow();
    this.#say(exportProgress(store()));
  }

  async #import(): Promise<void> {
    const picked = await pickProgressFile();
    if (!picked) return;
    if ('message' in picked) {
      this.#say(picked.message);
      return;
    }
    const result = store().importAll(picked.json);
    if (!result.ok) {
      this.#say(TRANSFER_MESSAGES.importFailed(result.message));
      return;
    }
    const saved = store().getCode(this.#p.id);
    this.#editor.setContents(saved?.files ?? this.#p.starter);
    this.#renderStatus();
    this.#say(TRANSFER_MESSAGES.imported);
  }
}

function showDiffLazily(parent: HTMLElement, mine: string, solution: string): () => void {
  let closed = false;
  let close: (() => void) | undefined;
  parent.replaceChildren(el('p', {}, 'Loading the comparison…'));
  void import('./diff.ts').then(({ showDiff }) => {
    if (closed) return;
    parent.replaceChildren();
    close = showDiff(parent, mine, solution);
  });
  return () => {
    closed = true;
    close?.();
  };
}
