// Tools > JLG Native on the server that loads the extension: the status panel.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { session, login, screenshot } from '../lib/browser.mjs';
import { site, wpDo } from '../lib/site.mjs';
import { PAGE_PATH, sel } from '../lib/admin-page.mjs';

describe('status panel, extension loaded', () => {
  let s;
  before(async () => {
    assert.ok(site().nativeUrl, 'the site has a server with the extension (JLG_NATIVE_SO was set for up.sh)');
    s = await session(site().nativeUrl);
    await login(s.page, site().user, site().password);
  });
  after(async () => s && s.context.close());

  it('is reached from the Tools menu and shows the extension as loaded', async () => {
    const { page } = s;
    await page.goto('/wp-admin/tools.php');
    await Promise.all([page.waitForURL(/page=jlg-native/), page.click('#adminmenu a[href="tools.php?page=jlg-native"]')]);
    assert.equal(await page.textContent('.wrap h1'), 'JLG Native');
    assert.equal(await page.getAttribute(sel.state, 'data-state'), 'loaded');
    assert.match(await page.textContent(sel.state), /jlg_native PHP extension \d+\.\d+\.\d+\S* is loaded/);
    assert.equal(await page.locator(sel.installSteps).count(), 0, 'no install steps when loaded');
    await screenshot(page, 'status-loaded');
    assert.deepEqual(s.problems, []);
  });

  it('shows the build information the server reports over REST', async () => {
    const { page } = s;
    await page.goto(PAGE_PATH);
    // Same request the admin would make; apiFetch adds the REST nonce.
    const status = await page.evaluate(() => window.wp.apiFetch({ path: '/jlg-native/v1/status' }));
    assert.equal(status.loaded, true);
    const cell = async (key) => (await page.textContent(`${sel.buildInfo} tr[data-key="${key}"] td`)).trim();
    assert.equal(await cell('version'), status.version);
    assert.equal(await cell('git_revision'), String(status.git_revision ?? '-'));
    assert.equal(await cell('rustc'), String(status.rustc ?? '-'));
    assert.equal(await cell('php_api'), String(status.php_api ?? '-'));
    assert.equal(await cell('profile'), String(status.profile ?? '-'));
    assert.equal(await cell('features'), status.features.length ? status.features.join(', ') : 'none');
  });

  it('lists the Site Health result of each capability', async () => {
    const { page } = s;
    await page.goto(PAGE_PATH);
    const rows = page.locator(`${sel.checks} tbody tr`);
    assert.ok((await rows.count()) >= 1);
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.check));
    assert.ok(ids.every((id) => id.startsWith('jlg_native')), ids.join(','));
    const extension = page.locator(`${sel.checks} tr[data-check="jlg_native_extension"]`);
    const profile = (await page.textContent(`${sel.buildInfo} tr[data-key="profile"] td`)).trim();
    assert.equal(await extension.getAttribute('data-status'), profile === 'release' ? 'good' : 'recommended');
    assert.equal((await extension.locator('.jlg-native-badge').textContent()).trim(), profile === 'release' ? 'Good' : 'Recommended');
    // The details open from the keyboard.
    await extension.locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.equal(await extension.locator('details').evaluate((d) => d.open), true);
    assert.match(await extension.locator('details').textContent(), /is loaded/);
  });

  it('labels its controls and regions', async () => {
    const { page } = s;
    await page.goto(PAGE_PATH);
    assert.equal(await page.getByLabel('Cron expression').getAttribute('id'), 'jlg-native-cron-expression');
    assert.equal(await page.getByLabel('Time zone').getAttribute('id'), 'jlg-native-cron-timezone');
    assert.equal(await page.getAttribute(sel.summary, 'aria-live'), 'polite');
    assert.equal(await page.getAttribute(sel.summary, 'role'), 'status');
    // Every panel is a labelled region.
    const regions = await page.locator('.jlg-native-panel').evaluateAll((sections) =>
      sections.map((s) => document.getElementById(s.getAttribute('aria-labelledby'))?.textContent || ''));
    assert.ok(regions.length >= 2 && regions.every((t) => t.trim() !== ''), JSON.stringify(regions));
  });

  it('is refused to users without manage_options', async () => {
    const login_ = `jlg-browser-editor-${process.pid}`;
    const password = wpDo('user-create', login_, 'editor');
    const other = await session(site().nativeUrl);
    try {
      await login(other.page, login_, password);
      const response = await other.page.goto(PAGE_PATH);
      assert.equal(response.status(), 403);
      assert.equal(await other.page.locator(sel.state).count(), 0);
      assert.equal(await other.page.locator('#adminmenu a[href="tools.php?page=jlg-native"]').count(), 0);
    } finally {
      await other.context.close();
      wpDo('user-delete', login_);
    }
  });
});
