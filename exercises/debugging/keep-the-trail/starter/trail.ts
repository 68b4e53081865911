import { connect, type Connection, type DbError, type User } from './support/db.ts';

// A first draft. It type-checks and looks reasonable, but when something fails, its errors lose the trail that
// would tell you what happened and where. The tasks say what to fix.

export interface Profile {
  id: number;
  name: string;
  initials: string;
}

/** The driver's callback API as a promise: resolves with the user or null, rejects with the driver's own error. */
export function findUser(conn: Connection, id: number): Promise<User | null> {
  return new Promise((resolve, reject) => {
    conn.findUser(id, (error: DbError | null, user: User | null) => {
      if (error) reject(new Error(error.message));
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
    return findUser(conn, id);
  } catch (error) {
    throw new Error(`could not load user ${id}: ${(error as Error).message}`);
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
export function loadProfile(id: number): Promise<Profile | null> {
  return loadUser(id).then((user) => user && { id: user.id, name: user.name, initials: initialsOf(user.name) });
}

/** The page for a user. */
export function renderPage(id: number): Promise<string> {
  return loadProfile(id).then((profile) => (profile ? `<h1>${profile.name} (${profile.initials})</h1>` : '<h1>No such user</h1>'));
}
