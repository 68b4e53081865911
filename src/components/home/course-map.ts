// <ct-course-map> on the home page: marks each lesson read and each exercise passed or attempted, counts them per
// module, and points "Continue" at the next thing to do, from the learner's progress in this browser (read straight
// from storage: lib/dashboard/read-progress.ts, as the dashboard does; the progress store is not loaded).
import type { CourseMap } from '../../lib/dashboard/course-map.ts';
import { readProgress } from '../../lib/dashboard/read-progress.ts';
import { summarize } from '../../lib/dashboard/summary.ts';
import { EXERCISE_STATE_TEXT, exercisesLine, lessonsLine, nextLine } from '../../lib/dashboard/messages.ts';

class CtCourseMap extends HTMLElement {
  readonly #onStorage = (): void => this.#render();

  connectedCallback(): void {
    window.addEventListener('storage', this.#onStorage);
    this.#render();
  }

  disconnectedCallback(): void {
    window.removeEventListener('storage', this.#onStorage);
  }

  #render(): void {
    const json = this.querySelector('#ct-home-map')?.textContent;
    if (!json) return;
    let progress;
    try {
      progress = readProgress(localStorage);
    } catch {
      return; // Storage blocked: the map stays as served, starting at module 1.
    }
    const map = JSON.parse(json) as CourseMap;
    const summary = summarize(map, progress, new Date());
    const started = Object.keys(progress.lessons).length + Object.keys(progress.exercises).length > 0;
    for (const m of summary.modules) {
      const count = this.querySelector(`[data-map-count="${m.slug}"]`);
      if (count && started) count.textContent = `${lessonsLine(m.lessons)} · ${exercisesLine(m.exercises)}`;
      for (const [id, state] of Object.entries(m.lessonStates)) this.#mark(id, 'lesson', state, state === 'read' ? 'Read' : '');
      for (const [id, state] of Object.entries(m.exerciseStates)) this.#mark(id, 'exercise', state, state === 'not started' ? '' : EXERCISE_STATE_TEXT[state]);
    }
    const box = this.querySelector('[data-map-next]');
    if (box && started) {
      const line = nextLine(summary.next);
      const link = document.createElement('a');
      box.replaceChildren(line.href && line.title ? `Continue. ${line.lead} ` : line.lead);
      if (line.href && line.title) {
        link.href = line.href;
        link.textContent = line.title;
        box.append(link);
      }
    }
    this.dataset.ready = '';
  }

  #mark(id: string, kind: string, state: string, text: string): void {
    const node = this.querySelector<HTMLElement>(`[data-map-item="${id}"][data-map-kind="${kind}"]`);
    if (!node) return;
    node.dataset.state = state;
    node.textContent = text;
  }
}

if (!customElements.get('ct-course-map')) customElements.define('ct-course-map', CtCourseMap);
