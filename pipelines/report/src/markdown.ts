import MarkdownIt, { type StateCore, type StateInline } from 'markdown-it';
import container from 'markdown-it-container';

type Md = ReturnType<typeof MarkdownIt>;

import { slug } from '@kk/swedish';

// Only the structure the content files use: paragraphs, lists, block quotes, headings, the Källa boxes and
// inline footnotes. Everything else (links, images, HTML, emphasis, code) stays literal text, so a stray
// "*" or "<img …>" in a description prints as written and loads nothing.
const KEEP_BLOCK = ['paragraph', 'list', 'blockquote', 'heading'];
const KEEP_INLINE = ['text', 'newline'];

function footnotes(md: Md): void {
  md.inline.ruler.after('text', 'kk_footnote', (state: StateInline, silent: boolean) => {
    const start = state.pos;
    if (state.src.charCodeAt(start) !== 0x5e /* ^ */ || state.src.charCodeAt(start + 1) !== 0x5b /* [ */)
      return false;
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
      // Numbered here, through the whole report (the env is shared by all content files), because
      // Paged.js evaluates counter(footnote) for every marker on a page after the last call.
      const number = ((state.env.footnotes as number | undefined) ?? 0) + 1;
      state.env.footnotes = number;
      const call = state.push('kk_footnote_call', 'sup', 0);
      call.attrSet('class', 'footnote-call');
      call.content = String(number);
      const open = state.push('kk_footnote_open', 'span', 1);
      open.attrSet('class', 'footnote');
      open.attrSet('data-n', String(number));
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

function footnoteCallRenderer(md: Md): void {
  md.renderer.rules.kk_footnote_call = (tokens, idx) =>
    `<sup class="footnote-call" aria-hidden="true">${md.utils.escapeHtml(tokens[idx].content)}</sup>`;
}

function headingIds(md: Md): void {
  md.core.ruler.push('kk_heading_ids', (state: StateCore) => {
    const used = (state.env.usedIds as Set<string> | undefined) ?? new Set<string>();
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
export function contentMarkdown(): Md {
  const md = new MarkdownIt('zero', { html: false, linkify: false, typographer: false, breaks: false });
  md.enable(KEEP_BLOCK);
  md.enable(KEEP_INLINE);
  md.use(footnotes);
  md.use(footnoteCallRenderer);
  md.use(headingIds);
  md.use(container, 'box', {});
  return md;
}

/** A markdown-it for descriptions written by the initiatives themselves: paragraphs and lists only. */
export function descriptionMarkdown(): Md {
  const md = new MarkdownIt('zero', { html: false, linkify: false, typographer: false, breaks: false });
  md.enable(['paragraph', 'list', 'blockquote']);
  md.enable(KEEP_INLINE);
  return md;
}
