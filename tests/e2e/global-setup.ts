import { buildSite } from './browser.ts';

// One build for all end-to-end files (they would race each other writing dist/).
export default function setup(): void {
  buildSite();
}
