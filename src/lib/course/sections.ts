/** A section of rendered markdown that began with an `<h2>`: its heading text and the HTML after it. */
export interface HtmlSection {
  heading: string;
  html: string;
}

/**
 * Splits rendered HTML at its `<h2>` headings, dropping the headings themselves. Hints share their headings
 * with the instructions, so rendering both as-is would repeat heading ids on one page.
 */
export function splitAtH2(html: string): HtmlSection[] {
  const parts = html.split(/(?=<h2[\s>])/);
  const sections: HtmlSection[] = [];
  for (const part of parts) {
    const match = part.match(/^<h2[^>]*>([\s\S]*?)<\/h2>/);
    if (!match) continue;
    // Starlight wraps headings for its anchor links; the plain text is all we keep.
    const heading = match[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
    sections.push({ heading, html: part.slice(match[0].length).replace(/^\s*<\/div>/, '').trim() });
  }
  return sections;
}
