import { setTimeout as delay } from 'node:timers/promises';

/**
 * Node's promise timer already handles the signal, cleans up its timer and listener, and checks an aborted
 * signal first. Only its error differs: it rejects with its own AbortError (code ABORT_ERR) and keeps the reason in
 * `cause`. Asking the signal, not the error, turns that back into the caller's reason.
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}
