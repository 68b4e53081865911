import { connect, type Connection, type DbError, type User } from './support/db.ts';

export interface Profile {
  id: number;
  name: string;
  initials: string;
}

/** The driver's callback API as a promise: resolves with the user or null, rejects with the driver's own error. */
export function findUser(conn: Connection, id: number): Promise<User | null> {
  return new Promise((resolve, reject) => {
    conn.findUser(id, (error: DbError | null, user: User | null) => {
      if (error) reject(error); // the driver's own object, code and all
      else resolve(user);
    });
  });
}

/**
 * Loads one user on a connection of its own, closed once the query has answered. A failure rejects with
 * `could not load user <id>`, whose `cause` is the driver's error.
 */
export async function loadUser(id: number): Promise<User | null> {
  const conn = connect();
  try {
    // .catch wraps the failure where it happens, and the await keeps loadUser suspended on it: the new error is
    // created while loadUser waits, so V8 still lists loadUser and everything awaiting it.
    return await findUser(conn, id).catch((error: unknown) => {
      throw new Error(`could not load user ${id}`, { cause: error });
    });
  } finally {
    conn.close();
  }
}

const initialsOf = (name: string) =>
  name
    .split(' ')
    .map((word) => word[0])
    .join('');

/** The user's profile, or null if there is no such user. */
export async function loadProfile(id: number): Promise<Profile | null> {
  const user = await loadUser(id);
  return user && { id: user.id, name: user.name, initials: initialsOf(user.name) };
}

/** The page for a user. */
export async function renderPage(id: number): Promise<string> {
  const profile = await loadProfile(id);
  return profile ? `<h1>${profile.name} (${profile.initials})</h1>` : '<h1>No such user</h1>';
}
