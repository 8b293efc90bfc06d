// The Impact and SLA panel: figures from JLG\Native\Sla and JLG\Native\Impact.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { session, login, screenshot } from '../lib/browser.mjs';
import { site, wpDo } from '../lib/site.mjs';
import { PAGE_PATH } from '../lib/admin-page.mjs';

const PANEL = '#jlg-native-panel-impact-sla';
const percent = (text) => {
  const m = /(\d+(?:\.\d+)?)\s%/.exec(text.replace(/\u00a0/g, ' '));
  assert.ok(m, `a percentage in "${text}"`);
  return Number(m[1]);
};

describe('impact and SLA panel, extension loaded', () => {
  let s;
  before(async () => {
    s = await session(site().nativeUrl);
    await login(s.page, site().user, site().password);
  });
  after(async () => s && s.context.close());

  it('shows availability, a 14-day sparkline and its values, from the sample data', async () => {
    const { page } = s;
    await page.goto(PAGE_PATH);
    assert.equal(await page.locator(`${PANEL} #jlg-native-impact-unavailable`).count(), 0);
    assert.match(await page.textContent('#jlg-native-impact-source'), /Sample data/);
    const week = await page.textContent(`${PANEL} [data-window="7d"]`);
    const month = await page.textContent(`${PANEL} [data-window="30d"]`);
    // The sample has a 3-hour outage of one of two agents three days ago.
    assert.ok(percent(week) < 100 && percent(week) > 95, week);
    assert.ok(percent(month) < 100 && percent(month) > 95, month);
    assert.match(week, /\b1 incident\b/);

    const points = page.locator(`${PANEL} svg circle`);
    assert.equal(await points.count(), 14);
    const values = (await points.evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('data-availability')))));
    assert.ok(values.every((v) => v >= 0 && v <= 100), values.join(','));
    assert.ok(values.some((v) => v < 100), 'the outage shows');
    assert.equal(await page.locator(`${PANEL} svg circle.is-down`).count(), values.filter((v) => v < 100).length);
    // Lower availability is drawn lower (larger y).
    const ys = await points.evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cy'))));
    const lowest = values.indexOf(Math.min(...values));
    assert.equal(ys[lowest], Math.max(...ys));
    assert.match(await page.textContent(`${PANEL} svg title`), /last 14 days/);
    assert.equal(await page.getAttribute(`${PANEL} svg`, 'role'), 'img');
    assert.equal(await page.locator(`${PANEL} .jlg-native-sparkline-data tbody tr`).count(), 14);
    await screenshot(page, 'impact-sla');
    assert.deepEqual(s.problems, []);
  });

  it('ranks modules by impact score and explains each score by its parts', async () => {
    const { page } = s;
    await page.goto(PAGE_PATH);
    const rows = await page.locator(`${PANEL} .jlg-native-impact-table tbody tr`).evaluateAll((trs) =>
      trs.map((tr) => ({
        module: tr.dataset.module,
        label: tr.querySelector('th').textContent.trim(),
        rank: Number(tr.dataset.rank),
        score: Number(tr.dataset.score),
        parts: [...tr.querySelectorAll('td[data-value]')].map((td) => Number(td.dataset.value)),
      })));
    assert.ok(rows.length >= 2, JSON.stringify(rows));
    assert.deepEqual(rows.map((r) => r.rank), rows.map((_, i) => i + 1));
    rows.forEach((row, i) => {
      assert.equal(row.parts.length, 4);
      const sum = row.parts.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - row.score) < 0.011, `${row.module}: ${row.parts.join('+')} = ${row.score}`);
      assert.ok(row.parts[0] <= 50 && row.parts[1] <= 20 && row.parts[2] <= 20 && row.parts[3] <= 10, JSON.stringify(row));
      if (i > 0) assert.ok(row.score <= rows[i - 1].score, 'highest first');
    });
    assert.ok(rows.some((r) => r.module === 'uptime'), 'the log incidents count for uptime');
    const overall = Number(await page.getAttribute(`${PANEL} .jlg-native-overall`, 'data-overall'));
    assert.ok(overall >= rows[0].score && overall <= 100, `overall ${overall}`);
    assert.match(await page.textContent(`${PANEL} .jlg-native-overall`), new RegExp(`mostly from ${rows[0].label}\\.`));
  });

  it('reads SitePulse\'s uptime log when the site has one', async () => {
    const { page } = s;
    const hour = 3600;
    const last = Math.floor(Date.now() / 1000 / hour) * hour;
    const log = [];
    for (let t = last - 8 * 86400; t <= last; t += hour) {
      // One hour down two days ago; site time zone is UTC, so wall clock = UTC.
      log.push({ timestamp: t, agent: 'default', status: t === last - 2 * 86400 ? false : true });
    }
    wpDo('option-set-json', 'sitepulse_uptime_log', JSON.stringify(log));
    try {
      await page.goto(PAGE_PATH);
      assert.equal((await page.textContent('#jlg-native-impact-source')).trim(), 'SitePulse uptime log');
      const week = await page.textContent(`${PANEL} [data-window="7d"]`);
      // 3600 s down out of 7 days: 100 * (1 - 3600 / 604800) = 99.40 %.
      assert.equal(percent(week), 99.4);
      assert.match(week, /\b1 incident\b/);
      assert.match(await page.textContent(`${PANEL} [data-window="mttr"]`), /1 hour/);
      assert.equal(await page.locator(`${PANEL} .jlg-native-impact-table tbody tr`).count(), 1);
      assert.equal(await page.getAttribute(`${PANEL} .jlg-native-impact-table tbody tr`, 'data-module'), 'uptime');
    } finally {
      wpDo('option-delete', 'sitepulse_uptime_log');
    }
    assert.deepEqual(s.problems, []);
  });
});

describe('impact and SLA panel, extension absent', () => {
  it('says the figures need the extension', async () => {
    const s = await session(site().plainUrl);
    try {
      await login(s.page, site().user, site().password);
      await s.page.goto(PAGE_PATH);
      assert.match(await s.page.textContent(`${PANEL} #jlg-native-impact-unavailable`), /jlg_native PHP extension/);
      assert.equal(await s.page.locator(`${PANEL} svg`).count(), 0);
      assert.deepEqual(s.problems, []);
    } finally {
      await s.context.close();
    }
  });
});
