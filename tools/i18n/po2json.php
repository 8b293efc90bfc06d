<?php
/**
 * Writes the translations a script needs, from a .po file, as the JSON file
 * WordPress's wp_set_script_translations() loads (Jed 1.x locale data).
 *
 * Usage: php po2json.php FILE.po SCRIPT_PATH OUTPUT.json
 *   SCRIPT_PATH: the script as the .po's "#:" references name it, e.g.
 *   assets/js/cron-playground.js. Only the entries referenced from it are
 *   written; fuzzy and untranslated entries are left out.
 *
 * @package JLG\NativeCompanion\Tools
 */

if ( 4 !== $argc ) {
	fwrite( STDERR, "usage: php po2json.php FILE.po SCRIPT_PATH OUTPUT.json\n" );
	exit( 2 );
}
[ , $po_file, $script, $output ] = $argv;

/**
 * Decodes a PO string literal (without its quotes).
 */
function po_unescape( string $s ): string {
	return stripcslashes( $s );
}

/**
 * Entries of a .po file: list of [context, msgid, plural, msgstr[], references[], flags[]].
 */
function po_entries( string $text ): array {
	$entries = array();
	foreach ( preg_split( '/\R{2,}/', trim( $text ) ) as $block ) {
		$entry = array(
			'context'    => null,
			'msgid'      => null,
			'plural'     => null,
			'msgstr'     => array(),
			'references' => array(),
			'flags'      => array(),
		);
		$last  = null;
		foreach ( preg_split( '/\R/', $block ) as $line ) {
			if ( str_starts_with( $line, '#:' ) ) {
				foreach ( preg_split( '/\s+/', trim( substr( $line, 2 ) ) ) as $ref ) {
					$entry['references'][] = preg_replace( '/:\d+$/', '', $ref );
				}
			} elseif ( str_starts_with( $line, '#,' ) ) {
				$entry['flags'] = array_merge( $entry['flags'], array_map( 'trim', explode( ',', substr( $line, 2 ) ) ) );
			} elseif ( preg_match( '/^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?) "(.*)"$/', $line, $m ) ) {
				$value = po_unescape( $m[3] );
				switch ( $m[1] ) {
					case 'msgctxt':
						$entry['context'] = $value;
						$last             = array( 'context' );
						break;
					case 'msgid':
						$entry['msgid'] = $value;
						$last           = array( 'msgid' );
						break;
					case 'msgid_plural':
						$entry['plural'] = $value;
						$last            = array( 'plural' );
						break;
					default:
						$index                     = '' === ( $m[2] ?? '' ) ? 0 : (int) $m[2];
						$entry['msgstr'][ $index ] = $value;
						$last                      = array( 'msgstr', $index );
				}
			} elseif ( preg_match( '/^"(.*)"$/', $line, $m ) && null !== $last ) {
				if ( 'msgstr' === $last[0] ) {
					$entry['msgstr'][ $last[1] ] .= po_unescape( $m[1] );
				} else {
					$entry[ $last[0] ] .= po_unescape( $m[1] );
				}
			}
		}
		if ( null !== $entry['msgid'] ) {
			ksort( $entry['msgstr'] );
			$entries[] = $entry;
		}
	}
	return $entries;
}

$text = file_get_contents( $po_file );
if ( false === $text ) {
	fwrite( STDERR, "po2json.php: cannot read {$po_file}\n" );
	exit( 1 );
}
$entries = po_entries( $text );

// The header: language and plural forms.
$headers = array();
foreach ( $entries as $entry ) {
	if ( '' === $entry['msgid'] && null === $entry['context'] ) {
		foreach ( explode( "\n", $entry['msgstr'][0] ?? '' ) as $header_line ) {
			$parts = explode( ':', $header_line, 2 );
			if ( 2 === count( $parts ) ) {
				$headers[ trim( $parts[0] ) ] = trim( $parts[1] );
			}
		}
	}
}

$messages = array(
	'' => array(
		'domain'       => 'messages',
		'lang'         => $headers['Language'] ?? '',
		'plural-forms' => $headers['Plural-Forms'] ?? 'nplurals=2; plural=(n != 1);',
	),
);
foreach ( $entries as $entry ) {
	if ( '' === $entry['msgid'] || ! in_array( $script, $entry['references'], true ) || in_array( 'fuzzy', $entry['flags'], true ) ) {
		continue;
	}
	if ( array() === array_filter( $entry['msgstr'], static fn( $s ) => '' !== $s ) ) {
		continue; // Untranslated.
	}
	$key              = ( null === $entry['context'] ? '' : $entry['context'] . "\4" ) . $entry['msgid'];
	$messages[ $key ] = array_values( $entry['msgstr'] );
}

$json = array(
	'translation-revision-date' => $headers['PO-Revision-Date'] ?? '',
	'generator'                 => 'tools/i18n/po2json.php',
	'source'                    => $script,
	'domain'                    => 'messages',
	'locale_data'               => array( 'messages' => $messages ),
);
$encoded = json_encode( $json, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRETTY_PRINT );
if ( false === $encoded || false === file_put_contents( $output, $encoded . "\n" ) ) {
	fwrite( STDERR, "po2json.php: cannot write {$output}\n" );
	exit( 1 );
}
fwrite( STDERR, sprintf( "wrote %s: %d messages\n", $output, count( $messages ) - 1 ) );
