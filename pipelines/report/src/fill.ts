import Mustache from 'mustache';

/** Fills a text's {{placeholders}}; the result is escaped where the page template prints it. */
export const fill = (text: string, values: Record<string, string | number>) =>
  Mustache.render(text, values, {}, { escape: (v: unknown) => String(v) });
