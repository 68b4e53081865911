import type { Kitchen, Plated } from './support/kitchen.ts';

// Mistake: concurrent, but each dish is pushed when it is done, so the plates come out fastest first.
export async function cookDinner(kitchen: Kitchen): Promise<Plated[]> {
  const plates: Plated[] = [];
  await Promise.all(
    kitchen.menu.map(async (dish) => {
      plates.push(await kitchen.cook(dish));
    }),
  );
  return plates;
}
