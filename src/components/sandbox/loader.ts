// The only sandbox code a page loads up front: a custom element that fetches the real sandbox (editor,
// runtimes) when it comes near the viewport or the learner asks for it. Keeps lesson pages light.
class CtSandbox extends HTMLElement {
  #loading: Promise<void> | undefined;
  #observer: IntersectionObserver | undefined;

  connectedCallback(): void {
    this.querySelector('[data-sandbox-open]')?.addEventListener('click', () => void this.load(true));
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
