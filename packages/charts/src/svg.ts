/** Escapes text for SVG/HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** A number for an SVG attribute, rounded so the output is stable and small. */
export function n(v: number): string {
  return (Math.round(v * 100) / 100).toString();
}
