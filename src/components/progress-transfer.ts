// Moving all learner data out and in, the same way from every page that offers it (sandbox, dashboard).
import type { ProgressStore } from '../lib/progress/store.ts';
import { TRANSFER_MESSAGES } from '../lib/progress/messages.ts';
import { downloadFile, pickFile } from './sandbox/dom.ts';

/** Downloads everything in the store as one JSON file; returns what to tell the learner. */
export function exportProgress(store: ProgressStore): string {
  const file = store.exportAll();
  downloadFile(`concurrent-typescript-progress-${file.exportedAt.slice(0, 10)}.json`, JSON.stringify(file, null, 2), 'application/json');
  return TRANSFER_MESSAGES.exported;
}

/**
 * Lets the learner pick an export file and parses it. Undefined when they cancel; a message when the file is
 * not JSON (nothing is imported then).
 */
export async function pickProgressFile(): Promise<{ json: unknown } | { message: string } | undefined> {
  const text = await pickFile('.json,application/json');
  if (text === undefined) return undefined;
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return { message: TRANSFER_MESSAGES.notJson };
  }
}
