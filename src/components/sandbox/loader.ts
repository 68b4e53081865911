// The only sandbox code a page loads up front: a custom element that fetches the real sandbox (editor,
// runtimes) when it comes near the viewport, on an exercise page at the learner's first interaction, or when the
// learner asks for it. Keeps every page light until the sandbox is wanted.
class CtSandbox extends HTMLElement {
  #loading: Promise<void> | undefined;
  #observer: IntersectionObserver | undefined;

  connectedCallback(): void {
    this.querySelector('[data-sandbox-open]')?.addEventListener('click', () => void this.load(true));
    if (this.dataset.workspace !== undefined) {
      // The exercise page's code pane is in view from the start on a wide screen: load the editor on the learner's
      // first sign of life (a pointer move, a key, a touch, a scroll), not with the page, so the page itself stays
      // as light as a lesson until someone is there to use it (import on interaction).
      const events = ['pointermove', 'pointerdown', 'keydown', 'touchstart', 'wheel', 'scroll', 'focusin'] as const;
      const go = () => {
        for (const type of events) window.removeEventListener(type, go, true);
        void this.load(false);
      };
      for (const type of events) window.addEventListener(type, go, { capture: true, passive: true });
      return;
    }
    if ('IntersectionObserver' in window) {
      this.#observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) void this.load(false);
      }, { rootMargin: '200px' });
      this.#observer.observe(this);
    }
  }

  disconnectedCallback(): void {
    this.#observer?.disconnect();
  }

  load(focus: boolean): Promise<void> {
    this.#observer?.disconnect();
    this.#loading ??= import('./app.ts')
      .then(({ mountSandbox }) => mountSandbox(this, { focus }))
      .catch((error: unknown) => {
        this.#loading = undefined;
        const status = this.querySelector('[data-sandbox-placeholder-status]');
        if (status) status.textContent = `The editor could not load (${(error as Error).message}). Reload the page to try again.`;
      });
    return this.#loading;
  }
}

if (!customElements.get('ct-sandbox')) customElements.define('ct-sandbox', CtSandbox);
