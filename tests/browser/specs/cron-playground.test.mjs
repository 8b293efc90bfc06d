// The cron playground against the real preview route (REST
// jlg-native/v1/cron/preview), on the server that loads the extension. Needs
// the cron capability in the extension and the route in the plugin.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { session, login, screenshot } from '../lib/browser.mjs';
import { site, wpDo } from '../lib/site.mjs';
import { PAGE_PATH, sel } from '../lib/admin-page.mjs';
import { settled, runs, wallClock, countPreviews } from '../lib/playground.mjs';

// WordPress's default formats: date "F j, Y", time "g:i a".
const WP_DEFAULT_DATETIME = /^[A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d{2} (am|pm)$/;
const RELATIVE = /^in (less than a minute|\d+ (minute|hour|day)s?( \d+ (second|minute|hour)s?)?)$/;

describe('cron playground, extension loaded', () => {
  let s;
  before(async () => {
    assert.ok(site().nativeUrl, 'the site has a server with the extension');
    s = await session(site().nativeUrl);
    await login(s.page, site().user, site().password);
    // Fail every test of this group at once, with the reason, when the build
    // has no cron capability (instead of each waiting for a disabled field).
    await s.page.goto(PAGE_PATH);
    const unavailable = s.page.locator(sel.cronUnavailable);
    if (await unavailable.count()) {
      throw new Error(`the cron playground is disabled on the server with the extension: ${(await unavailable.textContent()).trim()}`);
    }
  });
  after(async () => s && s.context.close());

  it('previews an expression as it is typed, debounced', async () => {
    const { page } = s;
    await page.goto(PAGE_PATH);
    assert.equal(await page.locator(sel.cronUnavailable).count(), 0, 'the playground is enabled');
    const previews = countPreviews(page);
    const expression = '*/15 * * * 1-5';
    // When each keystroke happened: on a busy machine two keystrokes can be further apart than
    // the debounce delay, and then a preview may legitimately go out between them.
    await page.evaluate(() => {
      window.jlgTestInputTimes = [];
      document.getElementById('jlg-native-cron-expression').addEventListener('input', () => window.jlgTestInputTimes.push(performance.now()));
    });
    await page.locator(sel.expression).pressSequentially(expression, { delay: 15 });
    assert.equal(await settled(page, expression), 'ready');
    const times = await page.evaluate(() => window.jlgTestInputTimes);
    const pauses = times.slice(1).filter((t, i) => t - times[i] >= 250).length;
    assert.equal(times.length, expression.length);
    assert.ok(previews.count >= 1 && previews.count <= 1 + pauses, `${previews.count} requests for ${expression.length} keystrokes with ${pauses} pauses of 250 ms or more`);

    assert.notEqual((await page.textContent(sel.description)).trim(), '');
    assert.equal(await page.getAttribute(sel.expression, 'aria-invalid'), 'false');
    assert.equal(await page.locator(sel.marks).count(), 0);
    const shown = await runs(page);
    assert.equal(shown.length, 5);
    const now = Date.now() / 1000;
    shown.forEach((run, i) => {
      const wall = wallClock(run.iso);
      assert.ok(wall.minute % 15 === 0, `${run.iso}: minute is a multiple of 15`);
      assert.ok(wall.weekday >= 1 && wall.weekday <= 5, `${run.iso}: a weekday`);
      assert.ok(run.timestamp > now - 60, `${run.iso} is in the future`);
      if (i > 0) assert.ok(run.timestamp > shown[i - 1].timestamp, 'runs are in order');
      assert.match(run.text, WP_DEFAULT_DATETIME);
      assert.match(run.relative, RELATIVE);
      // The text is the ISO instant in the site's format.
      const hour12 = ((wall.hour + 11) % 12) + 1;
      assert.ok(run.text.endsWith(` ${hour12}:${String(wall.minute).padStart(2, '0')} ${wall.hour < 12 ? 'am' : 'pm'}`), `${run.text} vs ${run.iso}`);
    });
    // 96 runs on a weekday: more than the default warning threshold.
    const impact = page.locator('[data-fact="impact"] .jlg-native-impact');
    assert.match(await impact.textContent(), /96 runs a day/);
    assert.notEqual(await impact.getAttribute('data-level'), 'ok');
    const summary = await page.textContent(sel.summary);
    assert.match(summary, /Impact: (moderate|high)\./);
    await screenshot(page, 'cron-typed');
    assert.deepEqual(s.problems, []);
  });

  it('points at the exact characters of an invalid expression, and keeps the page', async () => {
    const { page } = s;
    await page.goto(PAGE_PATH);
    const field = page.locator(sel.expression);
    await field.fill('0 3 * * *');
    assert.equal(await settled(page, '0 3 * * *'), 'ready');
    // Hour 25 is out of range: characters 3-4 of "0 25 * * *".
    await field.fill('0 25 * * *');
    assert.equal(await settled(page, '0 25 * * *'), 'invalid');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await page.locator(sel.marks).allTextContents(), ['25']);
    const errors = page.locator(`${sel.issues} .jlg-native-cron-errors li`);
    assert.ok((await errors.count()) >= 1);
    const locate = errors.first().locator('.jlg-native-cron-locate');
    assert.equal((await locate.textContent()).trim(), 'characters 3–4 (hour)');
    assert.match(await errors.first().textContent(), /25/);
    assert.match(await page.textContent(sel.summary), /^Invalid expression/);
    // The locate button selects the characters in the field.
    await locate.click();
    assert.deepEqual(await field.evaluate((i) => [document.activeElement === i, i.value.slice(i.selectionStart, i.selectionEnd)]), [true, '25']);
    // Nothing else went away: runs are replaced by a hint, the rest of the page is there.
    assert.equal(await page.locator(sel.runs).count(), 0);
    assert.match(await page.textContent(sel.results), /Fix the expression/);
    assert.equal(await page.getAttribute(sel.state, 'data-state'), 'loaded');
    assert.ok(await page.locator(sel.example).first().isVisible());
    assert.equal(await field.inputValue(), '0 25 * * *');
    await screenshot(page, 'cron-invalid');

    // Leading spaces do not shift the marks; a fix clears them.
    await field.fill('  0 3 * * 9');
    assert.equal(await settled(page, '0 3 * * 9'), 'invalid');
    assert.deepEqual(await page.locator(sel.marks).allTextContents(), ['9']);
    assert.match(await errors.first().locator('.jlg-native-cron-locate').textContent(), /character 11 \(day of week\)/);
    await field.fill('  0 3 * * 1');
    assert.equal(await settled(page, '0 3 * * 1'), 'ready');
    assert.equal(await page.locator(sel.marks).count(), 0);
    assert.equal(await field.getAttribute('aria-invalid'), 'false');
    assert.deepEqual(s.problems, []);
  });

  it('fills the field from an example, in the site time zone by default', async () => {
    const { page } = s;
    wpDo('option-set', 'timezone_string', 'Europe/Paris');
    try {
      await page.goto(PAGE_PATH);
      assert.equal(await page.locator(sel.timezone).inputValue(), 'Europe/Paris');
      const example = page.locator(sel.example, { hasText: 'Nightly at 03:00' });
      await example.click();
      assert.equal(await page.locator(sel.expression).inputValue(), '0 3 * * *');
      assert.equal(await settled(page, '0 3 * * *'), 'ready');
      assert.equal((await page.textContent('[data-fact="timezone"]')).trim(), 'Europe/Paris');
      let shown = await runs(page);
      assert.equal(shown.length, 5);
      for (const run of shown) {
        const wall = wallClock(run.iso);
        assert.deepEqual([wall.hour, wall.minute], [3, 0], run.iso);
        assert.ok(['+01:00', '+02:00'].includes(wall.offset), run.iso);
        assert.match(run.text, / 3:00 am$/);
      }
      // One day apart (23 or 25 hours across a DST change).
      for (let i = 1; i < shown.length; i++) {
        assert.ok([82800, 86400, 90000].includes(shown[i].timestamp - shown[i - 1].timestamp));
      }
      await screenshot(page, 'cron-example');

      // Another zone: same wall clock time, other instants.
      const paris = shown.map((r) => r.timestamp);
      await page.selectOption(sel.timezone, 'America/New_York');
      await page.waitForFunction((first) => {
        const li = document.querySelector('.jlg-native-cron-runs li');
        return li && Number(li.getAttribute('data-timestamp')) !== first && document.querySelector('.jlg-native-cron-output').getAttribute('data-state') === 'ready';
      }, paris[0]);
      shown = await runs(page);
      for (const run of shown) {
        const wall = wallClock(run.iso);
        assert.deepEqual([wall.hour, wall.minute], [3, 0], run.iso);
        assert.ok(['-05:00', '-04:00'].includes(wall.offset), run.iso);
      }
      assert.equal((await page.textContent('[data-fact="timezone"]')).trim(), 'America/New_York');
    } finally {
      wpDo('option-set', 'timezone_string', '');
    }
    assert.deepEqual(s.problems, []);
  });

  it('works from the keyboard alone', async () => {
    const { page } = s;
    await page.goto(PAGE_PATH);
    // Clicking the panel's title (not focusable) sets where sequential navigation starts, as for a
    // person; Tab then reaches the field, then the time zone, then the examples. (The panels above
    // fill in asynchronously, so starting from one of their stops would race with them.)
    await page.click('#jlg-native-panel-cron-title');
    const stops = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      stops.push(await page.evaluate(() => document.activeElement.id || document.activeElement.className));
    }
    assert.deepEqual(stops.slice(0, 2), ['jlg-native-cron-expression', 'jlg-native-cron-timezone']);
    assert.match(stops[2], /jlg-native-cron-example/);
    // Enter on the focused example previews it; focus stays on the example.
    const expression = await page.evaluate(() => document.activeElement.getAttribute('data-expression'));
    await page.keyboard.press('Enter');
    assert.equal(await settled(page, expression), 'ready');
    assert.match(await page.evaluate(() => document.activeElement.className), /jlg-native-cron-example/);
    // Typing then Enter in the field previews at once.
    await page.focus(sel.expression);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0 12 * * *');
    await page.keyboard.press('Enter');
    assert.equal(await settled(page, '0 12 * * *'), 'ready');
    assert.match(await page.textContent(sel.summary), /Impact: low\./);
  });

  it('flags a very frequent schedule with the guard-rail error, a high impact and DST warnings', async () => {
    const { page } = s;
    await page.goto(PAGE_PATH);
    await page.locator(sel.expression).fill('* * * * *');
    assert.equal(await settled(page, '* * * * *'), 'ready');
    assert.equal(await page.getAttribute('[data-fact="impact"] .jlg-native-impact', 'data-level'), 'danger');
    assert.match(await page.textContent('[data-fact="impact"]'), /1440 runs a day/);
    // Runs closer than the 5 minute minimum interval are an error finding of the extension
    // (lint severity "error", analysis severity "error"), with a safer expression; the runs stay.
    const guard = page.locator(`${sel.issues} .jlg-native-cron-errors li[data-code="too_frequent"]`);
    assert.equal(await guard.count(), 1);
    assert.match(await guard.textContent(), /300 s.*\*\/5 \* \* \* \*/);
    assert.equal(await page.getAttribute(sel.results, 'data-severity'), 'error');
    assert.match(await page.textContent(sel.summary), /^1 problem: .*\*\/5 \* \* \* \*/);
    assert.equal(await page.locator(sel.marks).count(), 0, 'no character of the field is wrong');
    assert.equal((await runs(page)).length, 5);
    // In a zone with DST the clock changes are warnings.
    await page.selectOption(sel.timezone, 'Europe/Paris');
    assert.equal(await settled(page, '* * * * *'), 'ready');
    assert.equal((await page.textContent('[data-fact="timezone"]')).trim(), 'Europe/Paris');
    const warnings = page.locator(`${sel.issues} .jlg-native-cron-warnings li`);
    assert.ok((await warnings.count()) >= 1);
    assert.deepEqual(await warnings.evaluateAll((items) => items.map((li) => li.getAttribute('data-code')).sort()), ['dst_gap', 'dst_overlap']);
    assert.deepEqual(s.problems, []);
  });

  it('speaks French to a French-speaking admin', async () => {
    const { page } = s;
    await page.goto(PAGE_PATH);
    await page.locator(sel.expression).fill('0 3 * * 1');
    assert.equal(await settled(page, '0 3 * * 1'), 'ready');
    const english = (await page.textContent(sel.description)).trim();
    wpDo('user-locale', site().user, 'fr_FR');
    try {
      await page.goto(PAGE_PATH);
      assert.equal(await page.getAttribute('html', 'lang'), 'fr-FR');
      assert.equal((await page.textContent('#jlg-native-panel-cron-title')).trim(), 'Bac à sable cron');
      assert.equal(await page.getByLabel('Expression cron').getAttribute('id'), 'jlg-native-cron-expression');
      await page.locator(sel.expression).fill('0 3 * * 1');
      assert.equal(await settled(page, '0 3 * * 1'), 'ready');
      const french = (await page.textContent(sel.description)).trim();
      assert.notEqual(french, english, 'the extension describes the schedule in French');
      assert.match(await page.textContent(sel.summary), /Impact\u00a0: faible\./);
      assert.match((await page.textContent('#jlg-native-cron-runs-title')).trim(), /^Prochaines exécutions$/);
      const first = (await runs(page))[0];
      assert.match(first.relative, /^dans /);
      await page.locator(sel.expression).fill('0 25 * * *');
      assert.equal(await settled(page, '0 25 * * *'), 'invalid');
      assert.equal((await page.locator('.jlg-native-cron-locate').first().textContent()).trim(), 'caractères 3–4 (heure)');
      await screenshot(page, 'cron-french');
    } finally {
      wpDo('user-locale', site().user, '');
    }
    assert.deepEqual(s.problems, []);
  });
});

describe('cron preview route, extension absent', () => {
  it('answers 503 jlg_native_unavailable to the admin', async () => {
    const s = await session(site().plainUrl);
    try {
      await login(s.page, site().user, site().password);
      await s.page.goto(PAGE_PATH);
      const answer = await s.page.evaluate(() =>
        window.wp.apiFetch({ path: '/jlg-native/v1/cron/preview', method: 'POST', data: { expression: '0 3 * * *' }, parse: false })
          .then((r) => r.status, (r) => (r && typeof r.status === 'number' ? r.status : JSON.stringify(r))));
      assert.equal(answer, 503);
    } finally {
      await s.context.close();
    }
  });
});
