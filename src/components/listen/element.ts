// <ct-listen>: the "Listen" control a lesson page loads up front. It shows itself only where speechSynthesis
// exists, and fetches the player (text extraction, chunking, the controller) when the learner reaches for it.
import type { ListenController } from './controller.ts';

/** The speed lasts for the browser session, like the sandbox's choice of runtime. */
const RATE_KEY = 'ct:v1:listen-rate';

function savedRate(): number | undefined {
  try {
    const rate = Number(sessionStorage.getItem(RATE_KEY));
    return rate > 0 ? rate : undefined;
  } catch {
    return undefined;
  }
}

function saveRate(rate: number): void {
  try {
    sessionStorage.setItem(RATE_KEY, String(rate));
  } catch {
    // Storage blocked: the speed lasts for this page.
  }
}

class CtListen extends HTMLElement {
  #player: Promise<ListenController> | undefined;

  connectedCallback(): void {
    const speech = (window as { speechSynthesis?: SpeechSynthesis }).speechSynthesis;
    if (typeof speech?.speak !== 'function' || typeof SpeechSynthesisUtterance !== 'function') {
      this.hidden = true;
      return;
    }
    const toggle = this.querySelector<HTMLButtonElement>('[data-listen-toggle]');
    const stop = this.querySelector<HTMLButtonElement>('[data-listen-stop]');
    const rate = this.querySelector<HTMLSelectElement>('[data-listen-rate]');
    const remembered = savedRate();
    if (rate && remembered && [...rate.options].some((o) => Number(o.value) === remembered)) rate.value = String(remembered);
    const warm = (): void => void this.#load().catch(() => undefined);
    this.addEventListener('pointerenter', warm, { once: true });
    this.addEventListener('focusin', warm, { once: true });
    toggle?.addEventListener('click', () => void this.#with((player) => player.toggle()));
    stop?.addEventListener('click', () => void this.#with((player) => player.stop()));
    rate?.addEventListener('change', () => {
      saveRate(Number(rate.value));
      void this.#with((player) => player.setRate(Number(rate.value)));
    });
    this.dataset.state = 'idle';
    this.dataset.ready = '';
  }

  #rate(): number {
    return Number(this.querySelector<HTMLSelectElement>('[data-listen-rate]')?.value) || 1;
  }

  #load(): Promise<ListenController> {
    if (!this.#player) {
      const loading = import('./player.ts').then(({ createPagePlayer }) => createPagePlayer(this, this.#rate()));
      // A failed load (offline) is tried again on the next press.
      loading.catch(() => {
        if (this.#player === loading) this.#player = undefined;
      });
      this.#player = loading;
    }
    return this.#player;
  }

  async #with(action: (player: ListenController) => void): Promise<void> {
    try {
      action(await this.#load());
    } catch (error) {
      this.#say(`“Listen” could not load (${(error as Error).message}). Reload the page to try again.`);
    }
  }

  #say(text: string): void {
    const status = this.querySelector('[data-listen-status]');
    if (status) status.textContent = text;
  }
}

if (!customElements.get('ct-listen')) customElements.define('ct-listen', CtListen);
