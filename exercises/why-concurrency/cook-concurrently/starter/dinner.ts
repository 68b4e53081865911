import type { Kitchen, Plated } from './support/kitchen.ts';

/**
 * Cooks every dish on `kitchen.menu` at the same time (with `kitchen.cook(dish)`) and resolves, once all of them
 * are plated, with the plated dishes in menu order. Total time: the longest dish, not the sum.
 *
 * @example
 *   await cookDinner(new Kitchen()); // [{ dish: 'soup', ... }, { dish: 'steak', ... }, { dish: 'cake', ... }]
 */
export async function cookDinner(kitchen: Kitchen): Promise<Plated[]> {
  throw new Error('TODO: start every dish, then wait for all of them and return the plates in menu order');
}
