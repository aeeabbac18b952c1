import type { Token } from 'markdown-it';
import { descriptionMarkdown } from './markdown.ts';

/** A description as blocks of plain text; the template escapes every string it prints. */
export type DescriptionBlock =
  | { paragraph: { text: string } }
  | { list: { ordered: boolean; items: string[] } }
  | { quote: { text: string } };

const md = descriptionMarkdown();

function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : c.content))
    .join('')
    .trim();
}

/** Parses a description file (paragraphs, "- " and "1. " lists, "> " quotes) into blocks. */
export function parseDescription(text: string): DescriptionBlock[] {
  const tokens = md.parse(text, {});
  const blocks: DescriptionBlock[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;
  let inQuote = false;
  let inItem = false;
  for (const t of tokens) {
    switch (t.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        list = { ordered: t.type === 'ordered_list_open', items: [] };
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        if (list) blocks.push({ list });
        list = undefined;
        break;
      case 'list_item_open':
        inItem = true;
        break;
      case 'list_item_close':
        inItem = false;
        break;
      case 'blockquote_open':
        inQuote = true;
        break;
      case 'blockquote_close':
        inQuote = false;
        break;
      case 'inline': {
        const s = inlineText(t);
        if (list && inItem) list.items.push(s);
        else if (inQuote) blocks.push({ quote: { text: s } });
        else blocks.push({ paragraph: { text: s } });
        break;
      }
    }
  }
  return blocks;
}
