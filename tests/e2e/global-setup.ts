import { buildSite } from './browser.ts';

// One build for all end-to-end files (they would race each other writing dist/). Tried: starting it here without
// waiting, so that the other project's files run meanwhile; the run got slower (three busy processes on two cores,
// and the end-to-end files that start first wait anyway), so the build runs before the tests.
export default function setup(): void {
  buildSite();
}
