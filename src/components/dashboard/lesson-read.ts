// <ct-lesson-read data-lesson="<module>/<slug>">: records the lesson as read in the progress store once the
// learner reaches its end (the page footer after the lesson's last section comes into view). The store is
// fetched only then, so a lesson page loads almost nothing for this up front.
class CtLessonRead extends HTMLElement {
  #observer: IntersectionObserver | undefined;

  connectedCallback(): void {
    const id = this.dataset.lesson;
    const end = document.querySelector('main footer') ?? document.querySelector('main .sl-markdown-content > :last-child');
    if (!id || !end || !('IntersectionObserver' in window)) return;
    this.#observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.#observer?.disconnect();
      void import('../../lib/progress/store.ts').then(({ createProgressStore, openBrowserStorage }) => {
        const result = createProgressStore(openBrowserStorage().storage).markLessonRead(id);
        if (result.ok) this.dataset.read = '';
      });
    });
    this.#observer.observe(end);
  }

  disconnectedCallback(): void {
    this.#observer?.disconnect();
  }
}

if (!customElements.get('ct-lesson-read')) customElements.define('ct-lesson-read', CtLessonRead);
