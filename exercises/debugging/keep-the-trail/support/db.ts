// A callback-style database driver, like many older Node libraries (read-only support for the exercise).
// Every answer arrives on a later turn of the event loop, from a setImmediate callback; an error the driver
// reports is created there, so its stack shows the driver's callback and nothing of the code that asked.

export interface User {
  id: number;
  name: string;
}

/** An error the driver reports, with a machine-readable code such as 'ECONNRESET'. */
export class DbError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'DbError';
    this.code = code;
  }
}

export interface Connection {
  /** Looks up a user; calls back later with the user (or null if there is none), or with a DbError. */
  findUser(id: number, callback: (error: DbError | null, user: User | null) => void): void;
  /** Closes the connection; a query still running on it then fails with ECONNCLOSED. */
  close(): void;
}

/** The user whose query always fails: the server resets the connection. */
export const BROKEN_USER = 13;

const USERS = new Map<number, string>([
  [1, 'Ada Lovelace'],
  [2, 'Grace Hopper'],
]);

/** What the driver did, in order: 'connect #1', 'query #1 user 7', 'answer #1', 'close #1', ... */
export const events: string[] = [];
let opened = 0;

/** Opens a connection. */
export function connect(): Connection {
  const n = ++opened;
  let closed = false;
  events.push(`connect #${n}`);
  return {
    findUser(id, callback) {
      events.push(`query #${n} user ${id}`);
      setImmediate(function answer() {
        if (closed) {
          events.push(`answer #${n}: ECONNCLOSED`);
          callback(new DbError('ECONNCLOSED', 'connection closed while a query was running'), null);
        } else if (id === BROKEN_USER) {
          events.push(`answer #${n}: ECONNRESET`);
          callback(new DbError('ECONNRESET', 'connection reset by peer'), null);
        } else {
          events.push(`answer #${n}`);
          const name = USERS.get(id);
          callback(null, name === undefined ? null : { id, name });
        }
      });
    },
    close() {
      if (closed) return;
      closed = true;
      events.push(`close #${n}`);
    },
  };
}

/** Forgets the events and restarts the connection numbers (the grader calls it before each test). */
export function resetEvents(): void {
  events.length = 0;
  opened = 0;
}
