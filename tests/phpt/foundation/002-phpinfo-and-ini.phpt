--TEST--
phpinfo() shows the JLG Native section with version, revision, features and the INI values
--EXTENSIONS--
jlg_native
--INI--
jlg_native.log_level=info
jlg_native.state_dir=/tmp/jlg-state
--FILE--
<?php
ob_start();
(new ReflectionExtension('jlg_native'))->info();
$text = ob_get_clean();
foreach (['JLG Native => enabled', 'Version => ' . JLG\Native\version(), 'Git revision => ', 'Features => ',
          'jlg_native.log_level => info => info', 'jlg_native.state_dir => /tmp/jlg-state => /tmp/jlg-state'] as $needle) {
    echo $needle, ': ', str_contains($text, $needle) ? 'found' : "MISSING in:\n$text", "\n";
}
var_dump(ini_get('jlg_native.log_level'));
var_dump(ini_set('jlg_native.log_level', 'debug'), ini_get('jlg_native.log_level'));
var_dump(array_keys(ini_get_all('jlg_native')));
?>
--EXPECT--
JLG Native => enabled: found
Version => 0.1.0: found
Git revision => : found
Features => : found
jlg_native.log_level => info => info: found
jlg_native.state_dir => /tmp/jlg-state => /tmp/jlg-state: found
string(4) "info"
string(4) "info"
string(5) "debug"
array(2) {
  [0]=>
  string(20) "jlg_native.log_level"
  [1]=>
  string(20) "jlg_native.state_dir"
}
