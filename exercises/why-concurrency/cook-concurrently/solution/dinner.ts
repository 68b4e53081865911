import type { Kitchen, Plated } from './support/kitchen.ts';

/** Cooks every dish on the menu at the same time and resolves with the plates in menu order. */
export async function cookDinner(kitchen: Kitchen): Promise<Plated[]> {
  // map() calls cook() for every dish before anything is awaited, so all of them are on the stove at once.
  // Promise.all waits for the slowest and keeps the results in the order of the array, not the finishing order.
  return Promise.all(kitchen.menu.map((dish) => kitchen.cook(dish)));
}
