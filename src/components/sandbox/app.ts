// The sandbox, loaded on demand by loader.ts: the editor, "Run tests", results by task, hints, reset with undo,
// the solution as a diff, status, and the runtime (WebContainer, or local Node when the page is served locally).
import type { SandboxPayload } from '../../lib/course/sandbox-payload.ts';
import type { GradeReport } from '../../lib/schemas/report.ts';
import { gradeRequest, RuntimeUnavailable, type GradeRequest, type SandboxRuntime, type SandboxStep } from '../../lib/sandbox/runtime.ts';
import { createLocalNodeRuntime, localNodeAvailable } from '../../lib/sandbox/local-node.ts';
import { browserRuntime, isPersistent, store, webContainerRuntime } from './page-state.ts';
import { createEditor, type Editor } from './editor.ts';
import { el } from './dom.ts';
import { exportProgress, pickProgressFile } from '../progress-transfer.ts';
import { hintView, problemView, reportView, type TaskLinks } from './render.ts';
import { spokenVerdict } from '../../lib/sandbox/results.ts';
import { TRANSFER_MESSAGES } from '../../lib/progress/messages.ts';
import { firstFailingTask, nextHintIndex, seenHints } from '../../lib/exercises/tasks.ts';

const STATUS_TEXT = { 'not started': 'Not started', attempted: 'Attempted', passed: 'Passed' } as const;
/** Failures the runtime retries when asked again (see createWebContainerRuntime): Run tries again after these. */
const RETRYABLE = new Set<RuntimeUnavailable['reason']>(['boot-timeout', 'prepare-failed', 'smoke-test']);
const IN_PAGE_NOTICE = 'Graded in this page: the tests run in your browser, with nothing to install and nothing sent anywhere.';
/** What the results say about where the code ran. */
const GRADED_BY: Record<SandboxRuntime['kind'], string> = {
  browser: 'Graded in this page: Vitest ran the tests in a Web Worker of your browser.',
  'local-node': 'Graded by Node on the machine that serves this page.',
  webcontainer: 'Graded by Node in StackBlitz’s WebContainer.',
};

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
  /** The full report: on screen, not read aloud as a whole (the announcer says the short verdict). */
  readonly #results = el('div', { class: 'ct-sb-results', tabindex: '-1' });
  /** A short verdict for screen readers ("3 of 21 tests pass. First failure: ..."). */
  readonly #announcer = el('p', { class: 'ct-sb-sr', role: 'status' });
  // Scrollable regions must be reachable by keyboard (WCAG 2.1.1).
  readonly #output = el('pre', { class: 'ct-sb-output', tabindex: '0' });
  readonly #outputBox = el('details', { class: 'ct-sb-output-box', hidden: '' }, el('summary', {}, 'Raw output'), this.#output);
  #hints = el('ol', { class: 'ct-sb-hints', 'aria-label': 'Hints' });
  /** On the exercise's own page: the side-by-side workspace, hints in the instructions pane. */
  readonly #workspace: boolean;
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

    // On the exercise's own page the instructions beside the editor hold the tasks and the hints; in a lesson the
    // sandbox carries both itself, and links to that page.
    this.#workspace = host.dataset.workspace !== undefined;
    const hintsHome = this.#workspace ? document.querySelector<HTMLOListElement>('[data-sandbox-hints-home]') : null;
    if (hintsHome) this.#hints = hintsHome;
    const slug = payload.id.replace('/', '-');
    this.#results.id = `sandbox-results-${slug}`;
    const secondary: HTMLElement[] = [this.#reset, this.#undoReset, this.#solution];
    if (!this.#workspace) {
      const full = el('a', { class: 'ct-sb-link', href: host.dataset.exerciseHref ?? `/exercises/${payload.id}/` }, 'Open full workspace');
      full.addEventListener('click', () => this.#saveNow());
      secondary.push(full);
    }
    const bar = el('div', { class: 'ct-sb-bar' }, this.#status, this.#run, this.#hint);
    // Said once, visibly, and tied to the editor: Tab does not indent here, it moves on (WCAG 2.1.2).
    const keys = el('p', { class: 'ct-sb-keys', id: `${this.#results.id}-keys` }, 'Tab or Esc leaves the editor · Ctrl/Cmd+Enter runs the tests');
    this.#placeSecondary(bar, secondary);
    this.root = el(
      'div',
      { class: 'ct-sb' },
      bar,
      ...(this.#workspace
        ? []
        : [el('ol', { class: 'ct-sb-tasks', 'aria-label': 'Tasks' }, ...payload.tasks.map((t) => el('li', { value: String(t.number), id: `${slug}-task-${t.number}` }, t.title))), this.#hints]),
      tabs,
      keys,
      editorBox,
      el(
        'div',
        { class: 'ct-sb-below' },
        el('div', { class: 'ct-sb-progress' }, this.#steps, this.#progress),
        this.#announcer,
        this.#problem,
        this.#results,
        this.#outputBox,
        this.#diffBox,
        el('div', { class: 'ct-sb-data' }, exportButton, importButton, this.#notice),
        this.#about,
      ),
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
      // From the keyboard in the editor the learner is typing: focus stays there, the results scroll into view.
      onRun: () => void this.run({ keepFocus: true }),
      onFocus: () => this.#warmUp(),
      onEscape: () => this.#run.focus(),
      describedBy: keys.id,
    });

    this.#run.title = 'Run tests (Ctrl+Enter or Cmd+Enter in the editor)';
    this.#run.setAttribute('aria-keyshortcuts', 'Control+Enter Meta+Enter');
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
    if (this.#p.inPage) {
      this.#say(IN_PAGE_NOTICE);
      // The test tools load while the learner reads: the first Run then takes about as long as the tests.
      const idle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 200));
      idle(() => void this.#prepareInPage());
    } else if (unsupported) {
      // Known up front: say so now, rather than after a boot and a run that could not be trusted.
      this.#runtimeProblem = new RuntimeUnavailable('exercise-unsupported', unsupported, 'Grade this exercise on your own machine, where it runs on real Node.');
      this.#showProblem(this.#runtimeProblem);
    }
    // Where `npm run dev` or `npm run preview` serves the page, local Node grades: the reference Node, no 22 MB
    // download and no boot. WebContainer is for the static site, and starts only once this check has said no.
    this.#localCheck = localNodeAvailable().then((available) => {
      // An exercise the page grades itself keeps local Node for code that needs Node (see #gradeInPage).
      if (available && this.#p.inPage) this.#runtime = createLocalNodeRuntime();
      else if (available) this.#useLocalNode();
      this.#about.hidden = available || this.#p.inPage;
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
    if (this.#p.inPage) return void this.#prepareInPage();
    void this.#localCheck.then((available) => {
      if (available || this.#runtime || this.#runtimeProblem) return;
      void this.#prepareWebContainer();
    });
  }

  /** Set once the in-page runtime failed to load: Node grades from then on. */
  #inPageProblem: RuntimeUnavailable | undefined;

  /** Loads the in-page test tools (a worker with Vitest) when the learner starts to work, so Run starts at once. */
  #prepareInPage(): Promise<void> {
    return browserRuntime()
      .then((runtime) => runtime.prepare(() => {}))
      .catch((error: unknown) => {
        this.#inPageProblem = error instanceof RuntimeUnavailable ? error : new RuntimeUnavailable('prepare-failed', String(error), 'Grade locally.');
        this.#say(`${this.#inPageProblem.message} Node grades this exercise instead.`);
      });
  }

  /**
   * Grades in the page when the exercise allows it. Code that uses a Node API, or a page where the in-page tools
   * failed to load, is left to Node (local, or WebContainer): undefined, with a word on why.
   */
  async #gradeInPage(): Promise<{ report: GradeReport; kind: SandboxRuntime['kind'] } | undefined> {
    if (!this.#p.inPage || this.#inPageProblem) return undefined;
    try {
      const runtime = await browserRuntime();
      const report = await runtime.grade(this.#request(), (step) => this.#showStep(step));
      // After a run that Node graded (code that used a Node API), the notice says where grading happens again.
      this.#say(IN_PAGE_NOTICE);
      return { report, kind: runtime.kind };
    } catch (error) {
      if (!(error instanceof RuntimeUnavailable)) throw error;
      if (error.reason !== 'needs-node') this.#inPageProblem = error;
      this.#say(`${error.message} ${error.advice}`);
      this.#about.hidden = this.#runtime?.kind === 'local-node';
      return undefined;
    }
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

  async run({ keepFocus = false } = {}): Promise<void> {
    if (this.#running) return;
    this.#saveNow();
    this.#running = true;
    // aria-disabled, not disabled: a disabled button drops keyboard focus to the page body (issue 17).
    this.#run.setAttribute('aria-disabled', 'true');
    this.#results.setAttribute('aria-busy', 'true');
    this.#announcer.textContent = 'Running the tests…';
    this.#results.replaceChildren(el('p', {}, 'Running the tests…'));
    let verdictShown = false;
    try {
      let graded = await this.#gradeInPage();
      if (!graded) {
        if (!this.#runtime) await this.#localCheck;
        if (this.#p.inPage && this.#p.webContainerUnsupported && !this.#runtime) {
          throw new RuntimeUnavailable('exercise-unsupported', this.#p.webContainerUnsupported, 'Grade this exercise on your own machine, where it runs on real Node.');
        }
        const runtime = this.#runtime ?? (await this.#prepareWebContainer(true));
        if (!runtime) throw this.#runtimeProblem ?? new RuntimeUnavailable('boot-failed', 'The in-browser environment did not start.', 'Grade locally.');
        graded = { report: await runtime.grade(this.#request(), (step) => this.#showStep(step)), kind: runtime.kind };
      }
      const { report } = graded;
      this.#runs++;
      store().recordRun(this.#p.id, report.verdict);
      this.#failingTask = firstFailingTask(report.tests);
      this.#renderReport(report, graded.kind);
      this.#renderStatus();
      this.#announcer.textContent = spokenVerdict(report, this.#p.tasks);
      verdictShown = true;
    } catch (error) {
      const problem =
        error instanceof RuntimeUnavailable ? error : new RuntimeUnavailable('prepare-failed', `Grading failed: ${(error as Error).message}`, 'Try again, or grade locally.');
      this.#showProblem(problem);
      this.#results.replaceChildren(el('p', {}, 'The tests did not run: see the message above.'));
      this.#announcer.textContent = 'The tests did not run: see the message above.';
    } finally {
      this.#clearSteps();
      this.#running = false;
      this.#run.removeAttribute('aria-disabled');
      this.#results.removeAttribute('aria-busy');
    }
    this.#revealResults(verdictShown && !keepFocus);
  }

  /**
   * Brings the results summary into view (in the code pane on wide screens, in the page otherwise), and moves
   * focus there after a click on Run; after Ctrl/Cmd+Enter the learner keeps typing in the editor.
   */
  #revealResults(moveFocus: boolean): void {
    const summary = this.#results.querySelector<HTMLElement>('.ct-sb-verdict') ?? (this.#problem.hidden ? this.#results : this.#problem);
    summary.scrollIntoView({ block: 'start' });
    if (moveFocus) {
      summary.tabIndex = -1;
      summary.focus({ preventScroll: true });
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

  #renderReport(report: GradeReport, kind: SandboxRuntime['kind']): void {
    this.#results.replaceChildren(...reportView(report, this.#p.tasks, this.#taskLinks));
    this.#results.dataset.runtime = kind;
    this.#results.querySelector('.ct-sb-verdict')?.after(el('p', { class: 'ct-sb-graded-by' }, GRADED_BY[kind]));
    // Types never change the grade (the graders strip them), but a failing run with type errors is worth a word.
    const typeErrors = this.#editor.typeErrors() ?? 0;
    if (report.verdict !== 'pass' && typeErrors > 0) {
      const s = typeErrors === 1 ? '' : 's';
      this.#results.querySelector('.ct-sb-verdict')?.after(
        el('p', { class: 'ct-sb-type-note' }, `Your code also has ${typeErrors} type error${s}, underlined in the editor. The tests ignore types, so the error${s} did not fail a test themselves, but they often point at the same mistake.`),
      );
    }
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

  #appendHint(hint: { task: number; text: string }): HTMLElement {
    const item = hintView(hint);
    this.#hints.append(item);
    document.querySelector<HTMLElement>('[data-sandbox-hints-empty]')?.toggleAttribute('hidden', this.#workspace);
    return item;
  }

  #updateHintButton(): void {
    const shown = this.#hintsSeen.length;
    const none = shown >= this.#p.hints.length;
    // aria-disabled keeps focus on the button after the last hint (a disabled button drops it to the page body).
    this.#hint.toggleAttribute('aria-disabled', none);
    // On a phone the short label keeps the bar to one row; display:none takes the long one out of the name too.
    this.#hint.replaceChildren(
      ...(none ? ['No more hints'] : [el('span', { class: 'ct-sb-wide' }, 'Show a hint'), el('span', { class: 'ct-sb-narrow' }, 'Hint'), ` (${shown}/${this.#p.hints.length})`]),
    );
  }

  /**
   * Reset, undo, solution (and, in a lesson, the full workspace): in the bar on wide screens; below 600 px in a
   * "More" menu (a disclosure button), so the bar is one row on a phone. They move as the width crosses the line.
   */
  #placeSecondary(bar: HTMLElement, items: HTMLElement[]): void {
    const menu = el('div', { class: 'ct-sb-menu', id: `${this.#results.id}-more`, hidden: '' });
    const toggle = el('button', { type: 'button', class: 'ct-sb-more', 'aria-expanded': 'false', 'aria-controls': menu.id }, 'More');
    const setOpen = (open: boolean) => {
      menu.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
    };
    toggle.addEventListener('click', () => setOpen(Boolean(menu.hidden)));
    const closeOnEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || menu.hidden) return;
      setOpen(false);
      toggle.focus();
    };
    toggle.addEventListener('keydown', closeOnEscape);
    menu.addEventListener('keydown', closeOnEscape);
    // A choice in the menu closes it (the buttons keep their own handlers).
    menu.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('button, a')) setOpen(false);
    });
    const phone = window.matchMedia('(max-width: 37.5rem)');
    const place = () => {
      if (phone.matches) {
        menu.append(...items);
        bar.append(toggle, menu);
      } else {
        setOpen(false);
        toggle.remove();
        menu.remove();
        bar.append(...items);
      }
    };
    place();
    phone.addEventListener('change', place);
  }

  /** The next hint of the first task the latest run failed, else the next in order. */
  #showHint(): void {
    if (this.#hint.hasAttribute('aria-disabled')) return;
    const index = nextHintIndex(this.#p.hints, this.#hintsSeen, this.#failingTask);
    if (index !== undefined) this.#revealHint(index, false);
  }

  /** Shows hint `index`; from a results link, focus follows it (it may sit in the instructions pane). */
  #revealHint(index: number, focus: boolean): void {
    this.#hintsSeen.push(index);
    const item = this.#appendHint(this.#p.hints[index]!);
    store().recordHint(this.#p.id, [...this.#hintsSeen]);
    this.#updateHintButton();
    item.scrollIntoView({ block: focus ? 'center' : 'nearest' });
    if (focus) {
      item.tabIndex = -1;
      item.focus({ preventScroll: true });
    }
  }

  /** The links under a failing task in the results: to its text, and to its next unseen hint. */
  readonly #taskLinks: TaskLinks = {
    taskHref: (task) => {
      // The exercise page's instructions have a `## N. Title` heading; a lesson's sandbox has its own task list.
      const heading = [...document.querySelectorAll<HTMLElement>('.ct-ws-text h2[id]')].find((h) => h.textContent?.trim().startsWith(`${task}.`));
      if (heading) return `#${heading.id}`;
      const item = this.root.querySelector<HTMLElement>(`.ct-sb-tasks li[value="${task}"]`);
      return item?.id ? `#${item.id}` : undefined;
    },
    showHint: (task) => {
      const index = this.#p.hints.findIndex((h, i) => h.task === task && !this.#hintsSeen.includes(i));
      return index < 0 ? undefined : () => this.#revealHint(index, true);
    },
  };

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
