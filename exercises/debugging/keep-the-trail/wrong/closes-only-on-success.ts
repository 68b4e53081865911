import { connect, type Connection, type DbError, type User } from './support/db.ts';

export interface Profile {
  id: number;
  name: string;
  initials: string;
}

/** The driver's callback API as a promise: resolves with the user or null, rejects with the driver's own error. */
export function findUser(conn: Connection, id: number): Promise<User | null> {
  return new Promise((resolve, reject) => {
    // Pass the DbError on as it is: its code ('ECONNRESET') is what callers and logs need.
    conn.findUser(id, (error: DbError | null, user: User | null) => (error ? reject(error) : resolve(user)));
  });
}

/**
 * Loads one user on a connection of its own, closed once the query has answered. A failure rejects with
 * `could not load user <id>`, whose `cause` is the driver's error.
 */
export async function loadUser(id: number): Promise<User | null> {
  const conn = connect();
  try {
    const user = await findUser(conn, id);
    // The mistake: the connection is closed only on the way out of a successful query. A failed query leaves
    // it open: one leaked connection per error.
    conn.close();
    return user;
  } catch (error) {
    throw new Error(`could not load user ${id}`, { cause: error });
  }
}

const initialsOf = (name: string) =>
  name
    .split(' ')
    .map((word) => word[0])
    .join('');

/** The user's profile, or null if there is no such user. */
export async function loadProfile(id: number): Promise<Profile | null> {
  // await, not .then: V8 builds an async stack trace from the chain of awaiting async functions.
  const user = await loadUser(id);
  return user && { id: user.id, name: user.name, initials: initialsOf(user.name) };
}

/** The page for a user. */
export async function renderPage(id: number): Promise<string> {
  const profile = await loadProfile(id);
  return profile ? `<h1>${profile.name} (${profile.initials})</h1>` : '<h1>No such user</h1>';
}
