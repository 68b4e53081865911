// What a browser must offer before WebContainer can start, checked in the order a learner can fix them, and
// the RuntimeUnavailable errors (message + advice) the WebContainer runtime throws. The UI adds the command to
// grade on the learner's own machine, so the advice here is only about the browser and the network.
import { RuntimeUnavailable } from './runtime.ts';

export interface BrowserFacts {
  isSecureContext: boolean;
  crossOriginIsolated: boolean;
  hasSharedArrayBuffer: boolean;
  hasWebAssembly: boolean;
  /** `Atomics.waitAsync`, which WebContainer needs: missing in Safari before 16.4. */
  hasAtomicsWaitAsync: boolean;
}

/** The facts of the page this code runs in. */
export function browserFacts(): BrowserFacts {
  return {
    isSecureContext: globalThis.isSecureContext === true,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hasSharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    hasWebAssembly: typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function',
    hasAtomicsWaitAsync: typeof (Atomics as { waitAsync?: unknown }).waitAsync === 'function',
  };
}

// StackBlitz supports WebContainer best in Chromium; Firefox and Safari are in beta by its own words.
const BROWSERS = 'a current Chromium-based browser (Chrome, Edge, Brave, Opera), where it works best; Firefox and Safari 16.4 or later are in beta';

/** Throws for the first check that fails. */
export function checkBrowser(facts: BrowserFacts): void {
  if (!facts.isSecureContext) {
    throw new RuntimeUnavailable(
      'secure-context',
      'This page is not a secure context (it was not opened over https:// or from localhost), so the browser withholds what the in-browser Node.js needs.',
      'Open the course over https://, or from http://localhost when you run it yourself.',
    );
  }
  if (!facts.crossOriginIsolated) {
    throw new RuntimeUnavailable(
      'cross-origin-isolated',
      'This page is not cross-origin isolated: it was served without the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers, or it is shown inside a frame or an in-app browser.',
      `Open the page in a tab of its own in ${BROWSERS}. If you host the course yourself, serve it with the headers in public/_headers.`,
    );
  }
  if (!facts.hasSharedArrayBuffer) {
    throw new RuntimeUnavailable('shared-array-buffer', 'This browser does not provide SharedArrayBuffer, which the in-browser Node.js needs.', `Use ${BROWSERS}.`);
  }
  if (!facts.hasWebAssembly) {
    throw new RuntimeUnavailable(
      'webassembly',
      'WebAssembly is turned off in this browser (some enhanced-security or locked-down modes do that), and the test tools run on it.',
      `Allow WebAssembly for this site (for example, turn off Edge's enhanced security for it), or use ${BROWSERS}.`,
    );
  }
  if (!facts.hasAtomicsWaitAsync) {
    throw new RuntimeUnavailable(
      'atomics-wait-async',
      'This browser lacks Atomics.waitAsync, which the in-browser Node.js needs (Safari before 16.4 has none).',
      `Update the browser, or use ${BROWSERS}.`,
    );
  }
}

export function bootTimeout(ms: number): RuntimeUnavailable {
  return new RuntimeUnavailable(
    'boot-timeout',
    `The in-browser Node.js (WebContainer) did not start within ${Math.round(ms / 1000)} s.`,
    `It downloads its runtime on first use: check your network connection (a firewall, proxy or content blocker may stop it, and so can shields or blocked third-party cookies) and try again. It runs in ${BROWSERS}.`,
  );
}

export function bootFailed(error: unknown): RuntimeUnavailable {
  return new RuntimeUnavailable(
    'boot-failed',
    `The in-browser Node.js (WebContainer) failed to start: ${messageOf(error)}`,
    `Reload the page to try again: it can start only once per page load. It runs in ${BROWSERS}.`,
  );
}

export function containerFailed(message: string): RuntimeUnavailable {
  return new RuntimeUnavailable(
    'boot-failed',
    `The in-browser Node.js (WebContainer) reported an error and stopped working: ${message}`,
    `Content blockers, shields (as in Brave) and blocked third-party cookies or storage can stop it: allow them for this site, then reload the page. It runs in ${BROWSERS}.`,
  );
}

export function smokeTestFailed(detail: string): RuntimeUnavailable {
  return new RuntimeUnavailable(
    'smoke-test',
    `The test tools did not start in the in-browser Node.js: ${detail}`,
    'Run the tests again to retry. If it keeps failing, reload the page; if that fails too, this browser cannot run the tests.',
  );
}

export function prepareFailed(what: string, error: unknown): RuntimeUnavailable {
  return new RuntimeUnavailable('prepare-failed', `${what}: ${messageOf(error)}`, 'Check your network connection and try again; if it keeps failing, reload the page.');
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
