// Writes the README's screenshot of Tools > JLG Native (docs/images/admin-page.png):
// the server with the extension, 1280 px wide, every panel rendered and the
// cron playground showing the preview of a typed expression. Opt-in: the suite
// loads this file only when JLG_BROWSER_README_SHOT=1. JLG_BROWSER_README_SHOT_PATH
// writes the image elsewhere (for a look before replacing the committed one).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { session, login } from '../lib/browser.mjs';
import { site } from '../lib/site.mjs';
import { PAGE_PATH, sel } from '../lib/admin-page.mjs';
import { settled } from '../lib/playground.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TARGET = process.env.JLG_BROWSER_README_SHOT_PATH
  || path.join(HERE, '..', '..', '..', 'docs', 'images', 'admin-page.png');
const EXPRESSION = '*/15 * * * 1-5';

describe('README screenshot', () => {
  it(`writes ${path.relative(process.cwd(), TARGET)}`, async () => {
    assert.ok(site().nativeUrl, 'the site has a server with the extension');
    const s = await session(site().nativeUrl);
    try {
      await login(s.page, site().user, site().password);
      const { page } = s;
      await page.goto(PAGE_PATH);
      assert.equal(await page.getAttribute(sel.state, 'data-state'), 'loaded');

      // Every panel rendered: none replaced by an error, none saying it needs
      // something this server lacks.
      const ids = await page.locator('.jlg-native-panel').evaluateAll((sections) => sections.map((x) => x.id));
      for (const id of ['status', 'impact-sla', 'storage', 'vault', 'cron']) {
        assert.ok(ids.includes(`jlg-native-panel-${id}`), `panel ${id} in ${ids.join(', ')}`);
      }
      assert.equal(await page.locator('.jlg-native-panel .notice-error').count(), 0, 'no panel failed');
      assert.equal(await page.locator('[id$="-unavailable"]').count(), 0, 'no panel lacks the extension');
      assert.equal(await page.locator('#jlg-native-panel-storage svg circle.jlg-native-chart-sample').count(), 60);

      await page.locator(sel.expression).pressSequentially(EXPRESSION, { delay: 15 });
      assert.equal(await settled(page, EXPRESSION), 'ready');
      assert.equal(await page.locator(sel.runs).count(), 5);
      // No focus ring or caret in the picture.
      await page.locator(sel.expression).blur();
      await page.evaluate(() => document.fonts.ready);
      // Typing scrolled the page; the admin bar and menu are fixed, so they would be
      // drawn where the viewport was. Back to the top, and let the menu settle.
      await page.evaluate(() => new Promise((resolve) => {
        window.scrollTo(0, 0);
        requestAnimationFrame(() => requestAnimationFrame(resolve));
      }));
      assert.equal(await page.evaluate(() => window.scrollY), 0);

      await page.screenshot({ path: TARGET, fullPage: true });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.equal(width, 1280, 'nothing overflows the 1280 px page');
      assert.deepEqual(s.problems, []);
    } finally {
      await s.context.close();
    }
  });
});
