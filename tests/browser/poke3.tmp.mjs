import { session, login, screenshot, closeBrowser } from './lib/browser.mjs';
import { site, wpDo } from './lib/site.mjs';
const s = site();
wpDo('user-locale', s.user, 'fr_FR');
try {
const { page, problems, context } = await session(s.nativeUrl);
await login(page, s.user, s.password);
await page.goto('/wp-admin/tools.php?page=jlg-native');
await page.fill('#jlg-native-cron-expression', '0 99 * * *');
await page.waitForSelector('.jlg-native-cron-backdrop mark');
await page.fill('#jlg-native-cron-expression', '*/15 * * * 1-5');
await page.waitForSelector('.jlg-native-cron-runs li');
console.log(await page.textContent('#jlg-native-cron-summary'));
console.log(await screenshot(page, 'poke-fr'));
console.log(problems);
await context.close();
} finally { wpDo('user-locale', s.user, ''); }
await closeBrowser();
