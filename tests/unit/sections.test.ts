import { expect, test } from 'vitest';
import { splitAtH2 } from '../../src/lib/course/sections.ts';

test('splits rendered hints at their h2 headings and drops the headings', () => {
  const html = '<p>intro</p>\n<h2 id="1-first">1. First</h2>\n<ul><li>a</li></ul>\n<h2 id="2-second">2. <code>Second</code></h2>\n<p>b</p>';
  expect(splitAtH2(html)).toEqual([
    { heading: '1. First', html: '<ul><li>a</li></ul>' },
    { heading: '2. Second', html: '<p>b</p>' },
  ]);
});
