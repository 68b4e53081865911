// axe on every built page, shard 3 of 4 (tests/e2e/a11y-pages.ts splits the pages; the four files run side by side).
import { testShard } from './a11y-pages.ts';

testShard(3, 4);
