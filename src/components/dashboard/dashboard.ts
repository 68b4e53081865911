// The /progress/ page's behaviour: fills the server-rendered dashboard with the learner's progress, keeps it current
// when another tab saves, and moves progress in and out (export, import, undo). The numbers are read straight from
// storage (lib/dashboard/read-progress.ts); the progress store, which is heavy, loads only for export and import.
import type { ProgressStore, StorageLike } from '../../lib/progress/store.ts';
import type { CourseMap } from '../../lib/dashboard/course-map.ts';
import { readProgress } from '../../lib/dashboard/read-progress.ts';
import { summarize, type DashboardSummary } from '../../lib/dashboard/summary.ts';
import { EXERCISE_STATE_TEXT, MESSAGES, cardsLine, exercisesLine, lessonsLine, nextDueLine, nextLine } from '../../lib/dashboard/messages.ts';
import { el } from '../sandbox/dom.ts';
import { exportProgress, pickProgressFile } from '../progress-transfer.ts';

/** `localStorage`, or undefined when the browser blocks it (then there is no progress to show). */
function siteStorage(): StorageLike | undefined {
  try {
    localStorage.getItem('ct:v1:backup');
    return localStorage;
  } catch {
    return undefined;
  }
}

class CtDashboard extends HTMLElement {
  #storage: StorageLike | undefined;
  #store: Promise<ProgressStore> | undefined;
  #map: CourseMap = { modules: [] };
  readonly #onStorage = (): void => this.#render();

  connectedCallback(): void {
    const json = document.getElementById('ct-course-map')?.textContent;
    if (json) this.#map = JSON.parse(json) as CourseMap;
    this.#storage = siteStorage();
    this.#on('[data-dash-export]', (store) => this.#export(store));
    // The file is picked first, while the click still counts as the learner's (browsers open pickers only then).
    this.querySelector('[data-dash-import]')?.addEventListener('click', () => void this.#import());
    this.#on('[data-dash-undo]', (store) => this.#undo(store));
    // Fetch the store as soon as the learner heads for these buttons.
    const actions = this.querySelector('.ct-dash-actions');
    const warm = (): void => void this.#loadStore().catch(() => undefined);
    actions?.addEventListener('pointerenter', warm, { once: true });
    actions?.addEventListener('focusin', warm, { once: true });
    // Another tab saved (a lesson read, an exercise passed): show it.
    window.addEventListener('storage', this.#onStorage);
    this.#render();
    if (!this.#storage) this.#say(MESSAGES.notPersistent);
  }

  disconnectedCallback(): void {
    window.removeEventListener('storage', this.#onStorage);
  }

  #on(selector: string, action: (store: ProgressStore) => void): void {
    this.querySelector(selector)?.addEventListener('click', () => void this.#withStore(action));
  }

  async #withStore(action: (store: ProgressStore) => void): Promise<void> {
    let store: ProgressStore;
    try {
      store = await this.#loadStore();
    } catch (error) {
      this.#say(`This could not load (${(error as Error).message}). Reload the page to try again.`);
      return;
    }
    action(store);
  }

  #loadStore(): Promise<ProgressStore> {
    if (!this.#store) {
      const loading = import('../../lib/progress/store.ts').then(({ createProgressStore, openBrowserStorage }) =>
        createProgressStore(this.#storage ?? openBrowserStorage().storage),
      );
      loading.catch(() => {
        if (this.#store === loading) this.#store = undefined;
      });
      this.#store = loading;
    }
    return this.#store;
  }

  #render(): void {
    const now = new Date();
    const progress = this.#storage ? readProgress(this.#storage) : { exercises: {}, lessons: {}, flashcards: {} };
    const summary = summarize(this.#map, progress, now);
    this.#renderNext(summary);
    for (const m of summary.modules) {
      if (m.lessons.total) this.#text(`[data-dash-module-lessons="${m.slug}"]`, lessonsLine(m.lessons));
      if (m.exercises.total) this.#text(`[data-dash-module-exercises="${m.slug}"]`, exercisesLine(m.exercises));
      if (m.cards.total) this.#text(`[data-dash-module-cards="${m.slug}"]`, cardsLine(m.cards));
      for (const [id, state] of Object.entries(m.lessonStates)) this.#state(`[data-dash-lesson="${id}"]`, state, state === 'read' ? 'Read' : 'Not read yet');
      for (const [id, state] of Object.entries(m.exerciseStates)) this.#state(`[data-dash-exercise="${id}"]`, state, EXERCISE_STATE_TEXT[state]);
    }
    this.#text('[data-dash-cards]', summary.cards.total ? `${cardsLine(summary.cards)}.` : 'No flashcards yet.');
    this.#text('[data-dash-cards-next]', summary.cards.due ? '' : nextDueLine(summary.cards.nextDue, now));
    this.dataset.ready = '';
  }

  #renderNext(summary: DashboardSummary): void {
    const box = this.querySelector('[data-dash-next]');
    if (!box) return;
    const line = nextLine(summary.next);
    box.replaceChildren(line.lead);
    if (line.href && line.title) box.append(' ', el('a', { href: line.href }, line.title));
  }

  #text(selector: string, text: string): void {
    const node = this.querySelector(selector);
    if (node && node.textContent !== text) node.textContent = text;
  }

  #state(selector: string, state: string, text: string): void {
    const node = this.querySelector<HTMLElement>(selector);
    if (!node) return;
    node.dataset.state = state;
    node.textContent = text;
  }

  #say(message: string): void {
    this.#text('[data-dash-notice]', message);
  }

  #export(store: ProgressStore): void {
    this.#say(exportProgress(store));
  }

  async #import(): Promise<void> {
    const picked = await pickProgressFile();
    if (!picked) return;
    if ('message' in picked) {
      this.#say(picked.message);
      return;
    }
    const { json } = picked;
    await this.#withStore((store) => {
      const result = store.importAll(json);
      this.#render();
      this.#say(result.ok ? MESSAGES.imported : MESSAGES.importFailed(result.message));
    });
  }

  #undo(store: ProgressStore): void {
    const result = store.undoImport();
    this.#render();
    this.#say(result.ok ? MESSAGES.undone : MESSAGES.undoFailed(result.message));
  }
}

if (!customElements.get('ct-dashboard')) customElements.define('ct-dashboard', CtDashboard);
