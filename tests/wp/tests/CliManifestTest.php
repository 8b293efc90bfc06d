<?php
/**
 * `wp jlg-native manifest scan|diff`, run through the WP-CLI stand-in, on real
 * directory trees made by the test.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace JLG\NativeCompanion\Tests;

use WP_CLI\Utils\Standin_Progress_Bar;

final class CliManifestTest extends Test_Case {

	private string $dir = '';

	protected function setUp(): void {
		parent::setUp();
		$this->dir = sys_get_temp_dir() . '/jlg-wp-manifest-' . getmypid() . '-' . bin2hex( random_bytes( 4 ) );
		mkdir( $this->dir . '/tree/wp-content/cache', 0755, true );
		file_put_contents( $this->dir . '/tree/index.php', '<?php // index' );
		file_put_contents( $this->dir . '/tree/edit.txt', 'aaaa' );
		file_put_contents( $this->dir . '/tree/old-name.bin', str_repeat( 'r', 300 ) );
		file_put_contents( $this->dir . '/tree/delete.txt', 'bye' );
		file_put_contents( $this->dir . '/tree/wp-content/cache/page.html', 'cached' );
		Standin_Progress_Bar::standin_reset();
	}

	protected function tearDown(): void {
		exec( 'rm -rf ' . escapeshellarg( $this->dir ) );
		parent::tearDown();
	}

	private static function run_manifest( array $words, array $assoc_args = array() ): array {
		return \WP_CLI::run_command( array_merge( array( 'jlg-native', 'manifest' ), $words ), $assoc_args );
	}

	private function change_tree(): void {
		$t = $this->dir . '/tree';
		file_put_contents( "$t/added.txt", 'new file' );
		file_put_contents( "$t/edit.txt", 'bbbb' );
		touch( "$t/edit.txt", time() + 60 );
		rename( "$t/old-name.bin", "$t/new-name.bin" );
		unlink( "$t/delete.txt" );
	}

	/** Without the extension, every manifest command stops with an error that says why. */
	private function assert_refused_without_extension(): void {
		$result = self::run_manifest( array( 'scan', $this->dir . '/tree' ) );
		$this->assertSame( 1, $result['exit_code'] );
		$this->assertSame( '', $result['stdout'] );
		$this->assertStringContainsString( 'Error: The jlg_native extension', $result['stderr'] );
	}

	public function test_command_is_registered(): void {
		$this->assertContains( 'jlg-native manifest', \WP_CLI::standin_commands() );
	}

	public function test_without_the_extension_the_commands_say_so(): void {
		if ( self::expects_extension() ) {
			$this->assertTrue( class_exists( '\JLG\Native\Manifest' ) );
			return;
		}
		$result = self::run_manifest( array( 'scan', $this->dir . '/tree' ) );
		$this->assertSame( 1, $result['exit_code'] );
		$this->assertStringContainsString( 'jlg_native extension', $result['stderr'] );
		$result = self::run_manifest( array( 'diff', 'a', 'b' ) );
		$this->assertSame( 1, $result['exit_code'] );
	}

	public function test_scan_store_rescan_and_diff(): void {
		if ( ! self::expects_extension() ) {
			$this->assert_refused_without_extension();
			return;
		}
		$store = $this->dir . '/manifests.sqlite';
		$first = self::run_manifest(
			array( 'scan', $this->dir . '/tree' ),
			array( 'store' => $store, 'label' => 'before', 'format' => 'json', 'exclude' => 'wp-content/cache' )
		);
		$this->assertSame( 0, $first['exit_code'], $first['stderr'] );
		$one = json_decode( $first['stdout'], true );
		$this->assertSame( 4, $one['files'] );
		$this->assertSame( strlen( '<?php // index' ) + 4 + 300 + 3, $one['bytes'] );
		$this->assertSame( 0, $one['errors'] );
		$this->assertSame( 'xxh3', $one['hash'] );
		$this->assertNull( $one['previous_snapshot'] );
		$this->assertIsInt( $one['snapshot'] );
		$this->assertIsFloat( $one['seconds'] + 0.0 );
		$this->assertSame( 0600, fileperms( $store ) & 0777 );

		// The progress callable drove a progress bar to the end.
		$bars = Standin_Progress_Bar::standin_bars();
		$this->assertCount( 1, $bars );
		$this->assertSame( 4, $bars[0]['total'] );
		$this->assertSame( 4, $bars[0]['ticks'] );
		$this->assertTrue( $bars[0]['finished'] );

		$this->change_tree();
		$second = self::run_manifest(
			array( 'scan', $this->dir . '/tree' ),
			array( 'store' => $store, 'label' => 'after', 'format' => 'json', 'exclude' => 'wp-content/cache' )
		);
		$this->assertSame( 0, $second['exit_code'], $second['stderr'] );
		$two = json_decode( $second['stdout'], true );
		$this->assertSame( $one['snapshot'], $two['previous_snapshot'] );
		$this->assertSame( 4, $two['files'] );

		$json = self::run_manifest( array( 'diff', (string) $one['snapshot'], (string) $two['snapshot'] ), array( 'store' => $store, 'format' => 'json' ) );
		$this->assertSame( 0, $json['exit_code'], $json['stderr'] );
		$diff = json_decode( $json['stdout'], true );
		$this->assertSame( array( 'added.txt' ), $diff['added'] );
		$this->assertSame( array( 'edit.txt' ), $diff['modified'] );
		$this->assertSame( array( 'delete.txt' ), $diff['removed'] );
		$this->assertSame( array( array( 'from' => 'old-name.bin', 'to' => 'new-name.bin' ) ), $diff['renamed'] );
		$this->assertSame( 1, $diff['unchanged_count'] );
		$this->assertSame( 8, $diff['bytes_added'] );
		$this->assertSame( 3, $diff['bytes_removed'] );
		$this->assertArrayHasKey( 'seconds', $diff );

		$table = self::run_manifest( array( 'diff', (string) $one['snapshot'], (string) $two['snapshot'] ), array( 'store' => $store ) );
		$this->assertSame( 0, $table['exit_code'], $table['stderr'] );
		foreach ( array( 'added' => 1, 'modified' => 1, 'removed' => 1, 'renamed' => 1, 'unchanged' => 1, 'bytes_added' => 8 ) as $field => $value ) {
			$this->assertMatchesRegularExpression( '/^\| ' . $field . '\s+\| ' . $value . '\s+\|$/m', $table['stdout'] );
		}
		$this->assertMatchesRegularExpression( '/^\| seconds\s+\| [0-9.]+\s+\|$/m', $table['stdout'] );
	}

	public function test_diff_of_saved_files_and_a_backup_jlg_manifest(): void {
		if ( ! self::expects_extension() ) {
			$this->assert_refused_without_extension();
			return;
		}
		$before = \JLG\Native\Manifest::scan( $this->dir . '/tree', array( 'hash' => 'bjlg' ) );
		file_put_contents( $this->dir . '/before.json', $before->toBackupJlg() );
		$this->change_tree();
		\JLG\Native\Manifest::scan( $this->dir . '/tree', array( 'hash' => 'bjlg' ) )->save( $this->dir . '/after.manifest' );

		$result = self::run_manifest( array( 'diff', $this->dir . '/before.json', $this->dir . '/after.manifest' ), array( 'format' => 'json' ) );
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$diff = json_decode( $result['stdout'], true );
		$this->assertSame( array( 'added.txt' ), $diff['added'] );
		$this->assertSame( array( 'edit.txt' ), $diff['modified'] );
		$this->assertSame( array( 'delete.txt' ), $diff['removed'] );
		$this->assertSame( 'new-name.bin', $diff['renamed'][0]['to'] );
	}

	public function test_table_output_and_errors(): void {
		if ( ! self::expects_extension() ) {
			$this->assert_refused_without_extension();
			return;
		}
		symlink( 'missing-target', $this->dir . '/tree/dangling' );
		exec( 'mkfifo ' . escapeshellarg( $this->dir . '/tree/pipe' ) );
		$result = self::run_manifest( array( 'scan', $this->dir . '/tree' ), array( 'hash' => 'bjlg' ) );
		$this->assertSame( 0, $result['exit_code'], $result['stderr'] );
		$this->assertMatchesRegularExpression( '/^\| files\s+\| 6\s+\|$/m', $result['stdout'] );
		$this->assertMatchesRegularExpression( '/^\| errors\s+\| 1\s+\|$/m', $result['stdout'] );
		$this->assertMatchesRegularExpression( '/^\| hash\s+\| bjlg\s+\|$/m', $result['stdout'] );
		$this->assertStringContainsString( 'Warning: 1 entries could not be read or were skipped; first: pipe: not a regular file (fifo)', $result['stderr'] );

		$bad = self::run_manifest( array( 'scan', $this->dir . '/tree' ), array( 'exclude' => 'ok,bad[' ) );
		$this->assertSame( 1, $bad['exit_code'] );
		$this->assertStringContainsString( "Error: options.exclude[1]: invalid pattern 'bad['", $bad['stderr'] );

		$missing = self::run_manifest( array( 'scan', $this->dir . '/nope' ) );
		$this->assertSame( 1, $missing['exit_code'] );
		$this->assertStringContainsString( 'does not exist', $missing['stderr'] );

		$hash = self::run_manifest( array( 'scan', $this->dir . '/tree' ), array( 'hash' => 'md5' ) );
		$this->assertSame( 1, $hash['exit_code'] );
		$this->assertStringContainsString( "Invalid value specified for 'hash'", $hash['stderr'] );

		$ids = self::run_manifest( array( 'diff', 'one', '2' ), array( 'store' => $this->dir . '/s.sqlite' ) );
		$this->assertSame( 1, $ids['exit_code'] );
		$this->assertStringContainsString( "'one' is not one", $ids['stderr'] );
		$unknown = self::run_manifest( array( 'diff', '1', '2' ), array( 'store' => $this->dir . '/s.sqlite' ) );
		$this->assertSame( 1, $unknown['exit_code'] );
		$this->assertStringContainsString( 'snapshot 1 does not exist', $unknown['stderr'] );
	}
}
