import Mustache from 'mustache';

/**
 * Fills a text's {{placeholders}}. By default the values go in as they are (the page template escapes the
 * result where it prints it); a text that is HTML already passes its own escape.
 */
export const fill = (
  text: string,
  values: Record<string, string | number>,
  escapeValue: (v: string) => string = (v) => v,
) => Mustache.render(text, values, {}, { escape: (v: unknown) => escapeValue(String(v)) });
