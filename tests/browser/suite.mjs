// Entry point of the browser suite: one Chromium for every spec, in order.
// Run through run.sh, which brings the site up and tears it down.
// JLG_BROWSER_SPECS=status,absent runs only those files of specs/ (default: all).
import { after } from 'node:test';
import { closeBrowser } from './lib/browser.mjs';

const ALL = ['status', 'absent', 'impact-sla', 'storage', 'vault', 'cron-playground'];
// JLG_BROWSER_README_SHOT=1 adds readme-shot, which rewrites docs/images/admin-page.png.
const OPT_IN = ['readme-shot'];
const chosen = (process.env.JLG_BROWSER_SPECS || '').split(',').map((s) => s.trim()).filter(Boolean);
const unknown = chosen.filter((name) => !ALL.includes(name) && !OPT_IN.includes(name));
if (unknown.length) {
  throw new Error(`unknown spec(s) in JLG_BROWSER_SPECS: ${unknown.join(', ')} (known: ${ALL.join(', ')})`);
}

after(closeBrowser);

const run = chosen.length ? chosen : [...ALL];
if (process.env.JLG_BROWSER_README_SHOT === '1' && !run.includes('readme-shot')) run.push('readme-shot');

for (const name of run) {
  await import(`./specs/${name}.test.mjs`);
}
