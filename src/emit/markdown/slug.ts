/**
 * Heading anchors as GitHub (and most Markdown renderers following github-slugger) make them: the
 * heading's text lower-cased, punctuation and symbols dropped, spaces turned into `-`; a repeated
 * slug gets `-1`, `-2`, … in page order. One Slugger per page, fed every heading of the page in
 * order, so the anchors we link to are the ones the renderer makes.
 */
export class Slugger {
  private readonly seen = new Map<string, number>();

  /** The anchor of the next heading whose rendered text is `text`. */
  slug(text: string): string {
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    let slug = base;
    let count = this.seen.get(base) ?? 0;
    while (this.seen.has(slug)) slug = `${base}-${++count}`;
    this.seen.set(base, count);
    this.seen.set(slug, 0);
    return slug;
  }
}
