// Splits text into pieces short enough for one speech utterance. Browsers stop or skip long utterances (Chrome
// silently cuts some voices off after about 15 seconds of speech), and short pieces let pause, resume and a
// change of speed restart close to where the reader was.

export const MAX_CHUNK = 220;

/** Sentence ends: `.`, `!`, `?` or `…` (maybe followed by a closing quote or bracket), then whitespace. */
const SENTENCE_END = /(?<=[.!?…]["'”’)\]]?)\s+/u;
/** Places inside a long sentence where a pause sounds natural. */
const CLAUSE_END = /(?<=[,;:–—])\s+/u;

/** Pieces of at most `max` characters (unless one word is longer), split at sentences, then clauses, then words. */
export function chunkText(text: string, max = MAX_CHUNK): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  if (clean.length <= max) return [clean];
  return pack(clean.split(SENTENCE_END).flatMap((sentence) => splitLong(sentence, max)), max);
}

function splitLong(sentence: string, max: number): string[] {
  if (sentence.length <= max) return [sentence];
  const clauses = sentence.split(CLAUSE_END);
  if (clauses.length > 1) return pack(clauses.flatMap((clause) => splitLong(clause, max)), max);
  return pack(sentence.split(' '), max);
}

/** Joins consecutive pieces while they fit in `max`. */
function pack(pieces: readonly string[], max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (!piece) continue;
    if (!current) current = piece;
    else if (current.length + 1 + piece.length <= max) current += ` ${piece}`;
    else {
      out.push(current);
      current = piece;
    }
  }
  if (current) out.push(current);
  return out;
}
