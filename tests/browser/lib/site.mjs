// The WordPress site brought up by tests/wp/up.sh, as its env file describes
// it (KEY='value' lines; a later line wins). run.sh sets JLG_WP_ENV.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const HERE = path.dirname(fileURLToPath(import.meta.url));

let cached = null;

export function site() {
  if (cached) return cached;
  const file = process.env.JLG_WP_ENV;
  if (!file) {
    throw new Error('JLG_WP_ENV is not set: run the suite through tests/browser/run.sh, or point it at the env file tests/wp/up.sh wrote');
  }
  const env = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)='([^']*)'$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  if (env.JLG_WP_READY !== '1') throw new Error(`the site described by ${file} did not finish coming up`);
  cached = {
    env,
    plainUrl: env.JLG_WP_PLAIN_URL,
    nativeUrl: env.JLG_WP_NATIVE_URL || '',
    user: env.JLG_WP_ADMIN_USER,
    password: env.JLG_WP_ADMIN_PASSWORD,
  };
  return cached;
}

/**
 * Runs a small action inside the site's WordPress (support/wp-do.php), for
 * test setup that a person would do elsewhere in the admin: set an option,
 * switch a user's language, create a user.
 */
export function wpDo(...args) {
  const { env } = site();
  return execFileSync('php', [path.join(HERE, '..', 'support', 'wp-do.php'), ...args], {
    env: { ...process.env, JLG_WP_ROOT: env.JLG_WP_ROOT, PHP_INI_SCAN_DIR: env.JLG_WP_PHP_INI_SCAN_DIR },
    encoding: 'utf8',
  }).trim();
}
