// The Tools > JLG Native page.
export const PAGE_PATH = '/wp-admin/tools.php?page=jlg-native';

export const sel = {
  state: '#jlg-native-extension-state',
  buildInfo: '.jlg-native-build-info',
  installSteps: '.jlg-native-install-steps',
  checks: '.jlg-native-checks',
  cronPanel: '#jlg-native-panel-cron',
  cronUnavailable: '#jlg-native-cron-unavailable',
  expression: '#jlg-native-cron-expression',
  timezone: '#jlg-native-cron-timezone',
  summary: '#jlg-native-cron-summary',
  issues: '#jlg-native-cron-issues',
  results: '#jlg-native-cron-results',
  description: '#jlg-native-cron-description',
  runs: '.jlg-native-cron-runs li',
  marks: '.jlg-native-cron-backdrop mark',
  example: '.jlg-native-cron-example',
};

export async function openAdminPage(page) {
  const response = await page.goto(PAGE_PATH);
  return response;
}
