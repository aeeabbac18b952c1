import MarkdownIt from 'markdown-it';
import container from 'markdown-it-container';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import { slug } from './slug.ts';

// Only the structure the content files use: paragraphs, lists, block quotes, headings, the Källa boxes and
// inline footnotes. Everything else (links, images, HTML, emphasis, code) stays literal text, so a stray
// "*" or "<img …>" in a description prints as written and loads nothing.
const KEEP_BLOCK = ['paragraph', 'list', 'blockquote', 'heading'];
const KEEP_INLINE = ['text', 'newline'];

function footnotes(md: MarkdownIt): void {
  md.inline.ruler.after('text', 'kk_footnote', (state: StateInline, silent: boolean) => {
    const start = state.pos;
    if (state.src.charCodeAt(start) !== 0x5e /* ^ */ || state.src.charCodeAt(start + 1) !== 0x5b /* [ */) return false;
    let depth = 0;
    let end = -1;
    for (let i = start + 1; i < state.posMax; i++) {
      const c = state.src[i];
      if (c === '[') depth++;
      else if (c === ']') {
        depth--;
        if (depth === 0) {
          end = i;
          break;
        }
      }
    }
    if (end < 0) return false;
    if (!silent) {
      const open = state.push('kk_footnote_open', 'span', 1);
      open.attrSet('class', 'footnote');
      const inner = state.src.slice(start + 2, end);
      const children: ReturnType<typeof state.push>[] = [];
      state.md.inline.parse(inner, state.md, state.env, children);
      for (const t of children) state.tokens.push(t);
      state.push('kk_footnote_close', 'span', -1);
    }
    state.pos = end + 1;
    return true;
  });
}

function headingIds(md: MarkdownIt): void {
  md.core.ruler.push('kk_heading_ids', (state) => {
    const used: Set<string> = state.env.usedIds ?? new Set();
    state.env.usedIds = used;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== 'heading_open') continue;
      const text = tokens[i + 1].content.replace(/\^\[[^\]]*\]/g, '');
      let id = `h-${slug(text)}`;
      for (let k = 2; used.has(id); k++) id = `h-${slug(text)}-${k}`;
      used.add(id);
      tokens[i].attrSet('id', id);
    }
  });
}

/** A markdown-it configured for the report's content: no HTML, no links, no images. */
export function contentMarkdown(): MarkdownIt {
  const md = new MarkdownIt('zero', { html: false, linkify: false, typographer: false, breaks: false });
  md.enable(KEEP_BLOCK);
  md.enable(KEEP_INLINE);
  md.use(footnotes);
  md.use(headingIds);
  md.use(container, 'box', {});
  return md;
}

/** A markdown-it for descriptions written by the initiatives themselves: paragraphs and lists only. */
export function descriptionMarkdown(): MarkdownIt {
  const md = new MarkdownIt('zero', { html: false, linkify: false, typographer: false, breaks: false });
  md.enable(['paragraph', 'list', 'blockquote']);
  md.enable(KEEP_INLINE);
  return md;
}
