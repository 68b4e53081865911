// The output of a process in WebContainer comes through a pseudo-terminal: stdout and stderr merged, lines
// ending in \r\n, and terminal escape sequences. This keeps a bounded tail of it as plain text and counts the
// bytes, as the local runner does with a pipe.
import { tail } from '../grading/report.ts';

// CSI (colours, cursor moves, `ESC[?25l`), OSC (titles, links: ended by BEL or ESC \) and two-byte escapes.
const ESCAPE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
const WHOLE_ESCAPE = new RegExp(`^(?:${ESCAPE.source})`);
/** Longest escape sequence held back when a chunk ends in the middle of one. */
const MAX_CARRY = 64;

export class OutputTail {
  readonly #max: number;
  #text = '';
  #carry = '';
  #bytes = 0;

  constructor(maxChars: number) {
    this.#max = maxChars;
  }

  push(chunk: string): void {
    let text = this.#carry + chunk;
    this.#carry = '';
    // A sequence cut at the end of this chunk is completed by the next one: hold it back.
    const last = text.lastIndexOf('\u001b');
    if (last !== -1 && text.length - last <= MAX_CARRY && !WHOLE_ESCAPE.test(text.slice(last))) {
      this.#carry = text.slice(last);
      text = text.slice(0, last);
    }
    const clean = text.replace(ESCAPE, '').replace(/\r/g, '');
    this.#bytes += utf8Length(clean);
    this.#text += clean;
    // Trim now and then rather than on every chunk: a learner printing megabytes sends thousands of chunks.
    if (this.#text.length > 2 * this.#max) this.#text = this.#text.slice(this.#text.length - this.#max);
  }

  /** Bytes printed in all (after removing escapes and carriage returns). */
  get bytes(): number {
    return this.#bytes;
  }

  /** The last `maxChars` characters, marked with a leading "…" when cut. */
  text(): string {
    return tail(this.#text, this.#max);
  }
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    // Each half of a surrogate pair counts 2: 4 bytes for the pair, as UTF-8 encodes it.
    else if (code >= 0xd800 && code <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}
