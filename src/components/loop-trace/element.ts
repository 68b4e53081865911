// The only stepper code a page loads up front: a custom element that, once the widget comes near the viewport
// (or is focused), fetches the recorded steps and the stepper itself. Until then the server-rendered first
// step is all there is, and the controls stay disabled.
class CtLoopTrace extends HTMLElement {
  #loading: Promise<void> | undefined;
  #observer: IntersectionObserver | undefined;

  connectedCallback(): void {
    this.addEventListener('focusin', () => void this.load(), { once: true });
    if (!('IntersectionObserver' in window)) return void this.load();
    this.#observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void this.load();
    }, { rootMargin: '200px' });
    this.#observer.observe(this);
  }

  disconnectedCallback(): void {
    this.#observer?.disconnect();
  }

  load(): Promise<void> {
    this.#observer?.disconnect();
    this.#loading ??= Promise.all([import('./stepper.ts'), fetch(this.dataset.src!).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))])
      .then(([{ mountStepper }, view]) => mountStepper(this, view))
      .catch((error: unknown) => {
        this.#loading = undefined;
        const say = this.querySelector('[data-lt-say]');
        if (say) say.textContent = `The stepper could not load (${(error as Error).message}); the first step above is all there is.`;
      });
    return this.#loading;
  }
}

if (!customElements.get('ct-loop-trace')) customElements.define('ct-loop-trace', CtLoopTrace);
