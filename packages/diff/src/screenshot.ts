import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

/**
 * Renders an HTML file in headless Chromium and saves a full-page PNG: how diff.html was checked by eye.
 * Usage: npx tsx packages/diff/src/screenshot.ts build/diff/2009-2010/diff.html build/diff/2009-2010/diff.png
 */
export async function screenshot(html: string, png: string, width = 1280): Promise<void> {
  const browser = await puppeteer.launch({
    executablePath: process.env.KK_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width, height: 900 });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    await page.screenshot({ path: png as `${string}.png`, fullPage: true });
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [html, png] = process.argv.slice(2);
  if (!html || !png) {
    console.error('usage: tsx packages/diff/src/screenshot.ts <page.html> <out.png>');
    process.exit(64);
  }
  await screenshot(html, png);
  console.log(`wrote ${png}`);
}
