// Program 4: a timer and an immediate, both scheduled from inside an I/O callback.
import { readFile } from 'node:fs';

// Reads this very file; only the callback matters, not the contents.
readFile(new URL(import.meta.url), () => {
  console.log('file read');
  setTimeout(() => console.log('timeout'), 0);
  setImmediate(() => console.log('immediate'));
});
console.log('sync');
