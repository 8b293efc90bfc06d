// Tools > JLG Native on the server without the extension: the page works and says so.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { session, login, screenshot } from '../lib/browser.mjs';
import { site } from '../lib/site.mjs';
import { PAGE_PATH, sel } from '../lib/admin-page.mjs';

describe('admin page, extension absent', () => {
  let s;
  before(async () => {
    s = await session(site().plainUrl);
    await login(s.page, site().user, site().password);
  });
  after(async () => s && s.context.close());

  it('says the extension is not loaded and how to install it', async () => {
    const { page } = s;
    const response = await page.goto(PAGE_PATH);
    assert.equal(response.status(), 200);
    assert.equal(await page.getAttribute(sel.state, 'data-state'), 'absent');
    assert.match(await page.textContent(sel.state), /jlg_native PHP extension is not loaded/);
    const steps = await page.locator(`${sel.installSteps} li`).allTextContents();
    assert.ok(steps.length >= 3, steps.join('|'));
    assert.ok(steps.some((t) => t.includes('extension=jlg_native')), steps.join('|'));
    assert.equal(await page.locator(sel.buildInfo).count(), 0, 'no build table without the extension');
    const check = page.locator(`${sel.checks} tr[data-check="jlg_native_extension"]`);
    assert.equal(await check.getAttribute('data-status'), 'recommended');
    assert.match(await check.textContent(), /not installed/);
    await screenshot(page, 'status-absent');
    assert.deepEqual(s.problems, []);
  });

  it('shows the cron playground disabled, with the reason, and no script errors', async () => {
    const { page } = s;
    await page.goto(PAGE_PATH);
    assert.match(await page.textContent(sel.cronUnavailable), /needs the jlg_native PHP extension/);
    assert.equal(await page.locator(sel.expression).isDisabled(), true);
    assert.equal(await page.locator(sel.timezone).isDisabled(), true);
    const examples = page.locator(sel.example);
    assert.ok((await examples.count()) >= 3);
    assert.equal(await examples.first().isDisabled(), true);
    // Nothing asked for a preview: the page knows the extension is missing.
    let previews = 0;
    page.on('request', (r) => { if (r.url().includes('cron/preview')) previews++; });
    await page.waitForTimeout(400);
    assert.equal(previews, 0);
    // The rest of the admin still works from here.
    assert.equal(await page.locator('#wpadminbar').count(), 1);
    assert.deepEqual(s.problems, []);
  });
});
