import type { Kitchen, Plated } from './support/kitchen.ts';

// Mistake: forEach does not wait for async callbacks, so the function returns while every dish is still cooking.
export async function cookDinner(kitchen: Kitchen): Promise<Plated[]> {
  const plates: Plated[] = [];
  kitchen.menu.forEach(async (dish) => {
    plates.push(await kitchen.cook(dish));
  });
  return plates;
}
