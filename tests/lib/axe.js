// axe.js -- runs axe-core on pages of `skein serve` in headless Chromium and
// prints one line per violation; exits 1 when one is serious or critical.
//   usage: node tests/lib/axe.js CHROMIUM URL...
// playwright-core drives Debian's Chromium (no browser download); the page's
// Content-Security-Policy is bypassed for the injected axe script only.
'use strict';
const path = require('path');
const mods = path.join(__dirname, '..', '..', '.deps', 'node_modules');
const { chromium } = require(path.join(mods, 'playwright-core'));
const axeSource = require('fs').readFileSync(path.join(mods, 'axe-core', 'axe.min.js'), 'utf8');

async function main() {
  const [exe, ...urls] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let bad = 0;
  try {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const url of urls) {
      await page.goto(url, { waitUntil: 'networkidle' });
      await page.waitForSelector('main :is(.stories, .story-page, .name-page, .error, .empty)', { timeout: 15000 });
      await page.addScriptTag({ content: axeSource });
      const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      for (const v of res.violations) {
        const serious = v.impact === 'serious' || v.impact === 'critical';
        if (serious) bad++;
        console.log(`${url}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} element(s): ` +
          `${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')})`);
      }
      console.log(`${url}: ${res.violations.length} violation(s), ${res.passes ? res.passes.length : 0} rule(s) passed`);
    }
  } finally {
    await browser.close();
  }
  process.exit(bad ? 1 : 0);
}

main().catch(e => { console.error('axe.js: ' + e.message); process.exit(2); });
