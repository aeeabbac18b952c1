import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Mustache from 'mustache';
import { esc } from './svg.ts';

const PACKAGE = resolve(import.meta.dirname, '..');
export const TEMPLATES = join(PACKAGE, 'templates');
export const ASSETS = join(PACKAGE, 'assets');

/** The report's templates: report.mustache and every other .mustache file as a partial. */
export function loadTemplates(): { main: string; partials: Record<string, string> } {
  const partials: Record<string, string> = {};
  for (const f of readdirSync(TEMPLATES).sort()) {
    if (f.endsWith('.mustache'))
      partials[f.replace(/\.mustache$/, '')] = readFileSync(join(TEMPLATES, f), 'utf8');
  }
  return { main: partials.report, partials };
}

export function asset(name: string): string {
  return readFileSync(join(ASSETS, name), 'utf8');
}

/** Renders the view; every {{value}} is HTML-escaped (mustache's default, made explicit here). */
export function renderHtml(view: Record<string, unknown>): string {
  const { main, partials } = loadTemplates();
  return Mustache.render(main, view, partials, { escape: (v: unknown) => esc(String(v)) });
}
