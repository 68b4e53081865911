// <ct-glossary-filter>: filters the glossary index by module and by text as the learner types. The page works
// without it (the full list; the controls stay hidden). The filter is kept in the address (?module=&q=), so a
// filtered list can be linked to and survives going back.
import { matchesFilter, shownMessage, type GlossaryFilter } from '../../lib/glossary/list.ts';

/** Wait for a pause in typing before announcing the count, so a screen reader is not flooded. */
const ANNOUNCE_DELAY_MS = 400;

class CtGlossaryFilter extends HTMLElement {
  #announceTimer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    const module = this.querySelector<HTMLSelectElement>('[data-gl-module]');
    const query = this.querySelector<HTMLInputElement>('[data-gl-query]');
    if (!module || !query) return;
    const params = new URLSearchParams(location.search);
    if ([...module.options].some((o) => o.value === params.get('module'))) module.value = params.get('module') ?? '';
    query.value = params.get('q') ?? '';
    this.querySelector('[data-gl-controls]')?.removeAttribute('hidden');
    const update = () => this.#apply({ module: module.value, query: query.value });
    module.addEventListener('change', update);
    query.addEventListener('input', update);
    if (module.value || query.value) update();
  }

  #apply(filter: GlossaryFilter): void {
    const terms = [...this.querySelectorAll<HTMLElement>('[data-gl-term]')];
    let shown = 0;
    for (const term of terms) {
      const match = matchesFilter({ module: term.dataset.module ?? '', text: term.dataset.text ?? '' }, filter);
      term.hidden = !match;
      if (match) shown++;
    }
    for (const letter of this.querySelectorAll<HTMLElement>('[data-gl-letter]')) {
      letter.hidden = letter.querySelector('[data-gl-term]:not([hidden])') === null;
    }
    clearTimeout(this.#announceTimer);
    const count = this.querySelector('[data-gl-count]');
    this.#announceTimer = setTimeout(() => {
      if (count) count.textContent = shownMessage(shown, terms.length);
    }, ANNOUNCE_DELAY_MS);
    const url = new URL(location.href);
    for (const [key, value] of [['module', filter.module], ['q', filter.query.trim()]] as const) {
      if (value) url.searchParams.set(key, value);
      else url.searchParams.delete(key);
    }
    history.replaceState(history.state, '', url);
  }
}

if (!customElements.get('ct-glossary-filter')) customElements.define('ct-glossary-filter', CtGlossaryFilter);
