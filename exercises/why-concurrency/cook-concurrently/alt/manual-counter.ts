import type { Kitchen, Plated } from './support/kitchen.ts';

/**
 * Promise.all written out by hand: start every dish, put each plate in its menu slot as it arrives, and resolve
 * when the count of plated dishes reaches the size of the menu.
 */
export function cookDinner(kitchen: Kitchen): Promise<Plated[]> {
  return new Promise((resolve, reject) => {
    const plates: Plated[] = new Array(kitchen.menu.length);
    let plated = 0;
    if (kitchen.menu.length === 0) resolve(plates);
    kitchen.menu.forEach((dish, slot) => {
      // Every cook() call happens here, in one synchronous pass: all dishes are on the stove at once.
      kitchen.cook(dish).then((plate) => {
        plates[slot] = plate; // the menu slot, not the finishing order
        plated += 1;
        if (plated === kitchen.menu.length) resolve(plates);
      }, reject);
    });
  });
}
