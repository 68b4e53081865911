import type { Kitchen, Plated } from './support/kitchen.ts';

// Mistake: Promise.race settles with the first dish to be ready (the steak, at minute 4) and ignores the others,
// so dinner is "served" before the soup and the cake are done.
export async function cookDinner(kitchen: Kitchen): Promise<Plated[]> {
  const first = await Promise.race(kitchen.menu.map((dish) => kitchen.cook(dish)));
  return [first];
}
