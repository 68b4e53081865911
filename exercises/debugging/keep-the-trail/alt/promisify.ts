import { promisify } from 'node:util';
import { connect, type Connection, type User } from './support/db.ts';

export interface Profile {
  id: number;
  name: string;
  initials: string;
}

/** The driver's callback API as a promise: resolves with the user or null, rejects with the driver's own error. */
export function findUser(conn: Connection, id: number): Promise<User | null> {
  // util.promisify builds the (error, value) => reject/resolve wrapper for us and passes the driver's error on
  // untouched. bind keeps `this` for drivers whose methods need it.
  return promisify(conn.findUser.bind(conn))(id);
}

/**
 * Loads one user on a connection of its own, closed once the query has answered. A failure rejects with
 * `could not load user <id>`, whose `cause` is the driver's error.
 */
export async function loadUser(id: number): Promise<User | null> {
  const conn = connect();
  let user: User | null;
  try {
    // Awaited inside the try, so catch and finally wait for the answer.
    user = await findUser(conn, id);
  } catch (error) {
    throw new Error(`could not load user ${id}`, { cause: error });
  } finally {
    conn.close();
  }
  return user;
}

const initialsOf = (name: string) =>
  name
    .split(' ')
    .map((word) => word[0])
    .join('');

/** The user's profile, or null if there is no such user. */
export async function loadProfile(id: number): Promise<Profile | null> {
  const user = await loadUser(id);
  if (user === null) return null;
  return { id: user.id, name: user.name, initials: initialsOf(user.name) };
}

/** The page for a user. */
export async function renderPage(id: number): Promise<string> {
  const profile = await loadProfile(id);
  if (profile === null) return '<h1>No such user</h1>';
  return `<h1>${profile.name} (${profile.initials})</h1>`;
}
