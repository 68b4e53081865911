import type { Kitchen, Plated } from './support/kitchen.ts';

// Mistake: starts every dish at once, but then calls cook() again to "get" each plate in menu order. Every call
// cooks the dish anew, so each dish is cooked twice and the second round runs one dish after another.
export async function cookDinner(kitchen: Kitchen): Promise<Plated[]> {
  await Promise.all(kitchen.menu.map((dish) => kitchen.cook(dish)));
  const plates: Plated[] = [];
  for (const dish of kitchen.menu) plates.push(await kitchen.cook(dish));
  return plates;
}
