// Cross-origin isolation (COOP/COEP require-corp), which WebContainer and SharedArrayBuffer need, breaks on the
// first resource a page loads from another origin without CORP/CORS headers: an embedded font, an analytics
// script, an image from a CDN. Every built page is checked for such resources (links to other sites are fine).
import { expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './browser.ts';

const DIST = join(ROOT, 'dist');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? htmlFiles(join(dir, entry.name)) : entry.name.endsWith('.html') ? [join(dir, entry.name)] : [],
  );
}

/** Resources a page loads (not links it offers): script, iframe, img, media and source src; stylesheet, icon, preload and manifest hrefs; url() in inline styles. */
export function loadedResources(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<(script|iframe|img|video|audio|source|embed|track|input)\b[^>]*?\s(?:src|srcset|poster)=["']([^"']+)["']/gi)) found.push(m[2]!);
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const rel = /\srel=["']([^"']+)["']/i.exec(tag)?.[1] ?? '';
    const href = /\shref=["']([^"']+)["']/i.exec(tag)?.[1];
    if (href && /stylesheet|icon|preload|modulepreload|manifest|prefetch/i.test(rel)) found.push(href);
  }
  for (const m of html.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)) found.push(m[1]!);
  return found;
}

const crossOrigin = (url: string) => /^(https?:)?\/\//i.test(url.trim());

test('the resource scan finds what a page loads, and not its links', () => {
  const html = `<script src="https://cdn.example/x.js"></script><a href="https://other.example/">x</a>
    <link rel="stylesheet" href="//fonts.example/f.css"><link rel="canonical" href="https://course.example/">
    <img src="/local.png"><div style="background: url('https://img.example/b.png')"></div>`;
  expect(loadedResources(html).filter(crossOrigin)).toEqual(['https://cdn.example/x.js', '//fonts.example/f.css', 'https://img.example/b.png']);
});

test('no built page loads a resource from another origin', () => {
  const pages = htmlFiles(DIST);
  expect(pages.length, 'built pages in dist/').toBeGreaterThan(100);
  const offending = pages.flatMap((page) =>
    loadedResources(readFileSync(page, 'utf8'))
      .filter(crossOrigin)
      .map((url) => `${relative(DIST, page)}: ${url}`),
  );
  expect(offending).toEqual([]);
});
