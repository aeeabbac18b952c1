// Text from the initiatives themselves may hold markup, template tags, CSS and remote URLs. It must print
// literally in the PDF and the HTML, and the page must not try to load anything.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../pipelines/report/src/render.ts';
import { startFromRepositoryBuild, type TempEdition, tempEdition } from '../support/edition.ts';
import { buildEdition } from '../support/pipeline.ts';

const HOSTILE =
  `<script>document.title='pwned'</script> <img src="http://example.com/x.png"> {{mustache}} {{{triple}}} ` +
  `</style><style>body{display:none}</style> <link rel="stylesheet" href="http://example.com/x.css"> ` +
  `url(http://example.com/bg.png) & ”citat”`;
const CONTACT = 'Göran <b>Österman</b> <iframe src="https://example.com/"></iframe> {{edition.titel}}';

let t: TempEdition;
let pdfText: string;
let html: string;
let printHtml: string;
let render: { pages: number; blocked_requests: number };

beforeAll(async () => {
  t = startFromRepositoryBuild(tempEdition(2009));
  t.write('factsheets/descriptions/compare.md', `${HOSTILE}\n\n- ${HOSTILE}\n`);
  t.replace(
    'factsheets/factsheets.csv',
    'Göran Österman, Verkställande tjänsteman',
    CONTACT.replaceAll('"', '""'),
  );
  await buildEdition(t.edition);
  const dir = join(t.edition.buildDir, 'report');
  html = readFileSync(join(dir, 'kartlaggning-2009.html'), 'utf8');
  printHtml = readFileSync(join(dir, 'kartlaggning-2009.print.html'), 'utf8');
  render = JSON.parse(readFileSync(join(dir, 'render.json'), 'utf8'));
  pdfText = execFileSync('pdftotext', [join(dir, 'kartlaggning-2009.pdf'), '-'], {
    encoding: 'utf8',
  }).replace(/\s+/g, ' ');
}, 240_000);

afterAll(() => t?.cleanup());

describe('hostile text in a description and a fact-table field', () => {
  it('is escaped in both HTML files', () => {
    for (const page of [html, printHtml]) {
      expect(page).toContain('&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;');
      expect(page).toContain('{{mustache}} {{{triple}}}');
      expect(page).toContain(
        'Göran &lt;b&gt;Österman&lt;/b&gt; &lt;iframe src=&quot;https://example.com/&quot;&gt;',
      );
      expect(page).toContain('{{edition.titel}}');
      expect(page).not.toContain('<img src="http://example.com');
      expect(page).not.toContain('<iframe');
      expect(page).not.toContain("<script>document.title='pwned'");
      expect(page).not.toContain('<link rel="stylesheet" href="http://example.com');
    }
  });

  it('prints literally in the PDF', () => {
    expect(pdfText).toContain("<script>document.title='pwned'</script>");
    expect(pdfText).toContain('{{mustache}} {{{triple}}}');
    expect(pdfText).toContain('<img src="http://example.com/x.png">');
    expect(pdfText).toContain('Göran <b>Österman</b>');
  });

  it('makes no network request while the report renders', () => {
    expect(render.pages).toBeGreaterThan(60);
    expect(render.blocked_requests).toBe(0);
  });
});

describe('the request guard', () => {
  it('refuses and counts a request the page does make (so the zero above is meaningful)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kk-guard-'));
    try {
      const page = join(dir, 'p.html');
      writeFileSync(
        page,
        `<!doctype html><html><head><link rel="stylesheet" href="http://example.com/x.css"><script>
        window.kkPaginate = async () => ({ pages: 1, overflow: [] });</script></head><body><img src="http://example.com/x.png"><img src="file:///etc/hostname"></body></html>`,
      );
      const r = await renderPdf({
        htmlPath: page,
        pdfPath: join(dir, 'p.pdf'),
        allowedDirs: [dir],
        timeoutSeconds: 60,
      });
      expect(r.blockedRequests.sort()).toEqual([
        'file:///etc/hostname',
        'http://example.com/x.css',
        'http://example.com/x.png',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
