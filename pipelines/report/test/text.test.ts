import { describe, expect, it } from 'vitest';
import { parseDescription } from '../src/description.ts';
import { contentMarkdown } from '../src/markdown.ts';

describe('content Markdown', () => {
  it('numbers footnotes through the whole report and keeps their text inline for Paged.js', () => {
    const md = contentMarkdown();
    const env = {};
    const a = md.render('Tillväxtverkets^[www.tillvaxtverket.se] definitioner.', env);
    const b = md.render('Kluster^[Tillväxtverket, kluster och närliggande begrepp] och mer^[ibid].', env);
    expect(a).toContain(
      '<sup class="footnote-call" aria-hidden="true">1</sup><span class="footnote" data-n="1">www.tillvaxtverket.se</span>',
    );
    expect(b).toContain('data-n="2">Tillväxtverket, kluster och närliggande begrepp</span>');
    expect(b).toContain('data-n="3">ibid</span>');
  });

  it('gives headings stable ids and renders the Källa boxes', () => {
    const html = contentMarkdown().render(
      '## 3.1 Steg 1 – Grov insamling\n\n::: box\n#### Källa 1\n\n- VINNOVA\n:::\n',
    );
    expect(html).toContain('<h2 id="h-3-1-steg-1-grov-insamling">');
    expect(html).toContain('<div class="box">');
    expect(html).toContain('<li>VINNOVA</li>');
  });

  it('prints HTML, links and images in content literally', () => {
    const html = contentMarkdown().render(
      'Se <b>detta</b> ![x](http://example.com/x.png) och [l](http://example.com).',
    );
    expect(html).toContain('&lt;b&gt;detta&lt;/b&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<a ');
  });
});

describe('descriptions', () => {
  it('become blocks of plain text: paragraphs, bullet and numbered lists, quotes', () => {
    const blocks = parseDescription(
      'Första stycket\nfortsätter.\n\n- ett\n- två\n\n1. Tillskapa\n2. Forma\n\n> ”Att etablera”',
    );
    expect(blocks).toEqual([
      { paragraph: { text: 'Första stycket fortsätter.' } },
      { list: { ordered: false, items: ['ett', 'två'] } },
      { list: { ordered: true, items: ['Tillskapa', 'Forma'] } },
      { quote: { text: '”Att etablera”' } },
    ]);
  });

  it('keep hostile text as text (the template escapes it)', () => {
    const blocks = parseDescription('<script>alert(1)</script> {{mustache}} <img src="http://x/y.png">');
    expect(blocks).toEqual([
      { paragraph: { text: '<script>alert(1)</script> {{mustache}} <img src="http://x/y.png">' } },
    ]);
  });
});
