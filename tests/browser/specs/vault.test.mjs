// The secrets vault panel: key source, fingerprint and the state of the stored
// secrets, on both servers (the figures are computed in PHP), never a secret.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { session, login, screenshot } from '../lib/browser.mjs';
import { site, wpDo } from '../lib/site.mjs';
import { PAGE_PATH } from '../lib/admin-page.mjs';

const PANEL = '#jlg-native-panel-vault';
const DISCORD = 'discord_server_stats_options';
const S3 = 'bjlg_s3_settings';

// One envelope sealed by a key the site does not know, one legacy value of
// Discord Bot JLG, one fresh envelope under the site's key (derived from its
// salts: the test site defines no JLG_NATIVE_KEY).
const secrets = {
  other: `other-key-token-${randomBytes(8).toString('hex')}`,
  fresh: `fresh-secret-${randomBytes(8).toString('hex')}`,
};
let stored = null;

function seed() {
  stored = {
    other: wpDo('vault-seal', 'other', `${DISCORD}:bot_token`, secrets.other),
    legacy: `dbjlg_enc_v2:${randomBytes(80).toString('base64')}`,
    fresh: wpDo('vault-seal', 'current', `${S3}:secret_key`, secrets.fresh),
  };
  assert.match(stored.other, /^jlgv1:/);
  assert.match(stored.fresh, /^jlgv1:/);
  wpDo('option-set-json', DISCORD, JSON.stringify({
    bot_token: stored.other,
    server_profiles: { legacy: { bot_token: stored.legacy } },
  }));
  wpDo('option-set-json', S3, JSON.stringify({ secret_key: stored.fresh }));
}

function unseed() {
  wpDo('option-delete', DISCORD);
  wpDo('option-delete', S3);
}

const fact = async (page, name) => (await page.textContent(`${PANEL} dd[data-fact="${name}"]`)).replace(/\s+/g, ' ').trim();

/** Opens the page and checks what both servers show alike; returns the page's HTML. */
async function checkPanel(page) {
  await page.goto(PAGE_PATH);
  const panel = page.locator(PANEL);
  assert.equal(await panel.getAttribute('aria-labelledby'), 'jlg-native-panel-vault-title');
  assert.equal((await page.textContent('#jlg-native-panel-vault-title')).trim(), 'Secrets vault');

  assert.equal(await fact(page, 'source'), 'derived from the WordPress salts');
  const fingerprint = await fact(page, 'fingerprint');
  assert.match(fingerprint, /^[0-9a-f]{16}$/);
  assert.equal(await fact(page, 'total'), '3');
  assert.equal(await fact(page, 'key_changed'), '1');
  assert.equal(await fact(page, 'unmigrated'), '1 (1 encrypted by the plugins, 0 in plain text)');
  assert.equal(await fact(page, 'due'), '0');
  assert.equal(await fact(page, 'sealed'), '1');
  assert.match(await panel.textContent(), /Due for rotation \(older than 90 days/);

  // The verdict is the Site Health check's, in the status panel too.
  assert.equal(await page.getAttribute('#jlg-native-vault-verdict', 'data-status'), 'critical');
  assert.match(await page.textContent('#jlg-native-vault-verdict'), /The key changed: 1 secret cannot be read/);
  assert.equal(await page.getAttribute('.jlg-native-checks tr[data-check="jlg_native_vault"]', 'data-status'), 'critical');

  // Fingerprints of the keys found: the site's own, marked current, and the unknown one.
  const keys = await panel.locator('table.jlg-native-vault-keys tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.fingerprint, tr.dataset.current || '', tr.querySelector('td').textContent.trim()]));
  assert.equal(keys.length, 2, JSON.stringify(keys));
  assert.deepEqual(keys.find((k) => k[1] === '1'), [fingerprint, '1', '1']);
  assert.equal(keys.find((k) => k[1] === '')[2], '1');

  // One step per problem, each with its command.
  const steps = await panel.locator('.jlg-native-vault-steps > li').evaluateAll((lis) => lis.map((li) => li.dataset.step));
  assert.deepEqual(steps, ['key', 'key_changed', 'migrate']);
  assert.match(await panel.locator('li[data-step="key"]').textContent(), /define\( 'JLG_NATIVE_KEY', '…' \);/);
  assert.match(await panel.locator('li[data-step="migrate"]').textContent(), /wp jlg-native vault migrate/);

  // Nothing secret anywhere on the page.
  const html = await page.content();
  for (const value of [...Object.values(secrets), ...Object.values(stored)]) {
    assert.ok(!html.includes(value), `the page does not show ${value.slice(0, 12)}…`);
  }
  return html;
}

describe('secrets vault panel', () => {
  before(seed);
  after(unseed);

  it('shows the key, the counts and what to do, extension loaded', async () => {
    assert.ok(site().nativeUrl, 'the site has a server with the extension');
    const s = await session(site().nativeUrl);
    try {
      await login(s.page, site().user, site().password);
      await checkPanel(s.page);
      const { page } = s;
      assert.equal(await page.locator('#jlg-native-vault-php-only').count(), 0);
      assert.match(await page.textContent(`${PANEL} li[data-step="key"]`), /JLG\\Native\\TokenVault::generateKey\(\)/);
      await screenshot(page, 'vault-loaded');
      assert.deepEqual(s.problems, []);
    } finally {
      await s.context.close();
    }
  });

  it('shows the same figures computed in PHP, extension absent', async () => {
    const s = await session(site().plainUrl);
    try {
      await login(s.page, site().user, site().password);
      await checkPanel(s.page);
      const { page } = s;
      assert.match(await page.textContent('#jlg-native-vault-php-only'), /jlg_native PHP extension is not loaded/);
      assert.match(await page.textContent(`${PANEL} li[data-step="key"]`), /base64_encode\( random_bytes\( 32 \) \)/);
      assert.match(await page.textContent(`${PANEL} p.description`), /Migrating and rotating need the jlg_native extension/);
      await screenshot(page, 'vault-absent');
      assert.deepEqual(s.problems, []);
    } finally {
      await s.context.close();
    }
  });
});
