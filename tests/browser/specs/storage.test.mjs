// The storage projection panel: JLG\Native\Quota::project() drawn as SVG.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { session, login, screenshot } from '../lib/browser.mjs';
import { site } from '../lib/site.mjs';
import { PAGE_PATH } from '../lib/admin-page.mjs';

const PANEL = '#jlg-native-panel-storage';

describe('storage projection panel', () => {
  it('projects the sample usage with its band, extension loaded', async () => {
    const s = await session(site().nativeUrl);
    try {
      await login(s.page, site().user, site().password);
      const { page } = s;
      await page.goto(PAGE_PATH);
      assert.match(await page.textContent('#jlg-native-storage-source'), /Sample data/);
      assert.match(await page.textContent(`${PANEL} [data-fact="used"]`), /of 200\.0 GB \(\d+(\.\d)? %\)/);
      assert.match(await page.textContent(`${PANEL} [data-fact="trend"]`), /^\+\d+(\.\d)? GB a day$/);
      const eta = (await page.textContent(`${PANEL} [data-fact="eta"]`)).replace(/\u00a0/g, ' ');
      const m = /^in about (\d+) days \(80 % between (\d+) and (\d+)\)$/.exec(eta);
      assert.ok(m, eta);
      const [p50, p10, p90] = [m[1], m[2], m[3]].map(Number);
      assert.ok(p10 <= p50 && p50 <= p90, eta);
      assert.ok(['ok', 'watch', 'warning', 'critical'].includes(await page.getAttribute(`${PANEL} [data-fact="level"]`, 'data-level')));
      // 60 samples, none on the zero line: the sample series holds real usage
      // only, like the one the plugin records (a failed measurement is not stored).
      const samples = page.locator(`${PANEL} svg circle.jlg-native-chart-sample`);
      assert.equal(await samples.count(), 60);
      const bottom = await page.locator(`${PANEL} svg line.jlg-native-chart-now`).getAttribute('y2');
      const ys = await samples.evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cy'))));
      assert.ok(ys.every((y) => y < Number(bottom) - 5), `samples well above the axis: max cy ${Math.max(...ys)} vs ${bottom}`);
      assert.equal(await page.locator(`${PANEL} svg polygon.jlg-native-chart-band`).count(), 1);
      const line = page.locator(`${PANEL} svg line.jlg-native-chart-projection`);
      const [y1, y2] = [Number(await line.getAttribute('y1')), Number(await line.getAttribute('y2'))];
      assert.ok(y2 < y1, 'usage grows: the projection goes up');
      // The projection crosses the threshold line inside the chart (it ends above it).
      const threshold = Number(await page.getAttribute(`${PANEL} svg line.jlg-native-chart-threshold`, 'y1'));
      assert.ok(y1 > threshold && y2 <= threshold + 1, `${y1} -> ${y2} vs ${threshold}`);
      assert.equal(await page.getAttribute(`${PANEL} svg`, 'role'), 'img');
      await screenshot(page, 'storage');
      assert.deepEqual(s.problems, []);
    } finally {
      await s.context.close();
    }
  });

  it('says it needs the extension, extension absent', async () => {
    const s = await session(site().plainUrl);
    try {
      await login(s.page, site().user, site().password);
      await s.page.goto(PAGE_PATH);
      assert.match(await s.page.textContent('#jlg-native-storage-unavailable'), /jlg_native PHP extension/);
      assert.equal(await s.page.locator(`${PANEL} svg`).count(), 0);
    } finally {
      await s.context.close();
    }
  });
});
