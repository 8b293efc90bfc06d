--TEST--
The module loads under its name and reports its version and build info
--EXTENSIONS--
jlg_native
--FILE--
<?php
var_dump(extension_loaded('jlg_native'));
var_dump(phpversion('jlg_native') === JLG\Native\version());
var_dump(preg_match('/^\d+\.\d+\.\d+/', JLG\Native\version()) === 1);
$info = JLG\Native\build_info();
var_dump(array_keys($info));
var_dump($info['version'] === JLG\Native\version());
var_dump(str_contains(PHP_EXTENSION_DIR, $info['php_api']));
var_dump(is_array($info['features']), in_array($info['profile'], ['release', 'debug'], true));
var_dump(str_starts_with($info['rustc'], 'rustc '));
var_dump(preg_match('/^([0-9a-f]{7,40}(-dirty)?|unknown)$/', $info['git_revision']) === 1);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
array(6) {
  [0]=>
  string(7) "version"
  [1]=>
  string(12) "git_revision"
  [2]=>
  string(5) "rustc"
  [3]=>
  string(7) "php_api"
  [4]=>
  string(7) "profile"
  [5]=>
  string(8) "features"
}
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
