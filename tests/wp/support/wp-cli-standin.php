<?php
/**
 * STAND-IN for a small part of WP-CLI's public API, for tests only.
 *
 * WP-CLI itself cannot be installed where these tests run, so this file
 * provides just enough of its documented API for a plugin's command classes
 * to be registered and run inside a PHPUnit process:
 *
 *   - class WP_CLI: add_command(), line(), log(), success(), warning(),
 *     error(), halt(), and run_command() to dispatch a registered command;
 *   - class WP_CLI_Command (base class of command classes);
 *   - class WP_CLI\ExitException (thrown by error() and halt(), as WP-CLI
 *     does when it captures exits);
 *   - functions WP_CLI\Utils\format_items(), WP_CLI\Utils\get_flag_value() and
 *     WP_CLI\Utils\make_progress_bar() (a bar that records its ticks instead of drawing).
 *
 * Like WP-CLI, run_command() reads the `## OPTIONS` section of the command's
 * docblock: it fills in defaults, rejects unknown --parameters, values not
 * among `options:`, and missing or surplus positional arguments.
 *
 * Differences from WP-CLI, on purpose:
 *   - output is captured, not printed: run_command() returns
 *     ['stdout' => ..., 'stderr' => ..., 'exit_code' => int];
 *   - error() and halt() never exit the process, they throw ExitException,
 *     which run_command() turns into the exit code;
 *   - tables are drawn with ASCII borders (as WP-CLI does on a terminal);
 *   - only what the plugin under test uses is here: no global parameters,
 *     hooks, prompts or help; progress bars draw nothing (WP-CLI draws none
 *     either when the output is not a terminal) and record what they were told.
 *
 * Load this file and define the WP_CLI constant (true) before WordPress loads
 * the plugin, so that the plugin registers its commands. Never load it in a
 * process where the real WP-CLI runs.
 *
 * Methods whose names start with `standin_` exist only in this stand-in.
 *
 * @package JLG\NativeCompanion\Tests
 */

namespace WP_CLI {

	/**
	 * Stand-in of WP-CLI's exception for a captured exit.
	 */
	class ExitException extends \Exception {
	}
}

namespace {

	/**
	 * Stand-in of WP-CLI's base class for command classes.
	 */
	abstract class WP_CLI_Command {
		public function __construct() {
		}
	}

	/**
	 * Stand-in of the WP_CLI facade (see the file header).
	 */
	class WP_CLI {

		/**
		 * Registered commands: name => callable or class name.
		 *
		 * @var array<string, mixed>
		 */
		private static array $commands = array();

		/** Text written to STDERR by warning() and error() during a run. */
		private static string $stderr = '';

		/**
		 * Registers a command, like WP_CLI::add_command().
		 *
		 * @param string $name     Command name, words separated by spaces ("jlg-native status").
		 * @param mixed  $callable Class name, object, closure or function name.
		 * @param array  $args     Ignored by the stand-in (WP-CLI: before_invoke, when, ...).
		 * @return bool
		 */
		public static function add_command( $name, $callable, $args = array() ) {
			$name = trim( preg_replace( '/\s+/', ' ', (string) $name ) );
			if ( is_string( $callable ) && ! class_exists( $callable ) && ! is_callable( $callable ) ) {
				self::error( sprintf( 'Callable %s does not exist, and cannot be registered as `wp %s`.', json_encode( $callable ), $name ) );
			}
			if ( false !== strpos( $name, ' ' ) ) {
				$parent = substr( $name, 0, strrpos( $name, ' ' ) );
				if ( ! isset( self::$commands[ $parent ] ) ) {
					// WP-CLI defers such a command until its parent exists, or
					// gives it an empty parent; registering an empty parent here is
					// the same thing for dispatching.
					self::$commands[ $parent ] = null;
				}
			}
			self::$commands[ $name ] = $callable;
			return true;
		}

		/** Prints a line to STDOUT, like WP_CLI::line(). */
		public static function line( $message = '' ) {
			echo $message . "\n";
		}

		/** Prints an informational line to STDOUT, like WP_CLI::log(). */
		public static function log( $message ) {
			echo $message . "\n";
		}

		/** Prints "Success: ..." to STDOUT, like WP_CLI::success(). */
		public static function success( $message ) {
			echo 'Success: ' . $message . "\n";
		}

		/** Prints "Warning: ..." to STDERR, like WP_CLI::warning(). */
		public static function warning( $message ) {
			self::$stderr .= 'Warning: ' . self::message_text( $message ) . "\n";
		}

		/**
		 * Prints "Error: ..." to STDERR and halts with exit code 1, like WP_CLI::error().
		 *
		 * @param mixed    $message Message (string, WP_Error or Throwable).
		 * @param bool|int $exit    True for exit code 1, an int for that code, false to go on.
		 * @throws \WP_CLI\ExitException When halting.
		 */
		public static function error( $message, $exit = true ) {
			self::$stderr .= 'Error: ' . self::message_text( $message ) . "\n";
			if ( true === $exit ) {
				$exit = 1;
			}
			if ( false !== $exit ) {
				throw new \WP_CLI\ExitException( self::message_text( $message ), (int) $exit );
			}
		}

		/**
		 * Halts with the given exit code, like WP_CLI::halt().
		 *
		 * @throws \WP_CLI\ExitException Always.
		 */
		public static function halt( $return_code ) {
			throw new \WP_CLI\ExitException( '', (int) $return_code );
		}

		/**
		 * Runs a registered command and returns what it printed.
		 *
		 * @param string[] $args       Words: command name, subcommand, positional arguments.
		 * @param array    $assoc_args --key=value parameters and --flags (value true).
		 * @param array    $options    Ignored by the stand-in.
		 * @return array{stdout: string, stderr: string, exit_code: int}
		 */
		public static function run_command( $args, $assoc_args = array(), $options = array() ) {
			self::$stderr = '';
			$exit_code    = 0;
			ob_start();
			try {
				self::dispatch( array_values( array_map( 'strval', $args ) ), $assoc_args );
			} catch ( \WP_CLI\ExitException $e ) {
				$exit_code = $e->getCode();
			} finally {
				$stdout = (string) ob_get_clean();
			}
			return array(
				'stdout'    => $stdout,
				'stderr'    => self::$stderr,
				'exit_code' => $exit_code,
			);
		}

		/**
		 * Registered command names (stand-in only).
		 *
		 * @return string[]
		 */
		public static function standin_commands() {
			return array_keys( self::$commands );
		}

		/** Forgets every registered command (stand-in only). */
		public static function standin_reset() {
			self::$commands = array();
		}

		/**
		 * Finds the command and calls it.
		 *
		 * @throws \WP_CLI\ExitException On usage errors or when the command halts.
		 */
		private static function dispatch( array $args, array $assoc_args ) {
			// Longest registered name that prefixes the words.
			$name = null;
			for ( $n = count( $args ); $n > 0; $n-- ) {
				$candidate = implode( ' ', array_slice( $args, 0, $n ) );
				if ( array_key_exists( $candidate, self::$commands ) ) {
					$name = $candidate;
					$args = array_slice( $args, $n );
					break;
				}
			}
			if ( null === $name ) {
				self::error( sprintf( "'%s' is not a registered wp command.", implode( ' ', $args ) ) );
			}

			$callable = self::$commands[ $name ];
			$children = array();
			foreach ( array_keys( self::$commands ) as $registered ) {
				if ( 0 === strpos( $registered, $name . ' ' ) ) {
					$children[] = substr( $registered, strlen( $name ) + 1 );
				}
			}
			$invokable = is_callable( $callable ) || ( is_string( $callable ) && method_exists( $callable, '__invoke' ) );
			if ( null === $callable || ( $children && ! $args && ! $invokable ) ) {
				self::error( sprintf( "'wp %s' needs a subcommand: %s.", $name, implode( ', ', $children ) ) );
			}

			$target = null;
			$method = null;
			if ( is_string( $callable ) && class_exists( $callable ) ) {
				$object = new $callable();
				if ( $args && self::is_public_subcommand( $object, $args[0] ) ) {
					$method = str_replace( '-', '_', array_shift( $args ) );
				} elseif ( method_exists( $object, '__invoke' ) ) {
					$method = '__invoke';
				} else {
					self::error( sprintf( "'%s' is not a registered subcommand of '%s'.", $args[0] ?? '', $name ) );
				}
				$target     = array( $object, $method );
				$reflection = new \ReflectionMethod( $object, $method );
			} elseif ( is_callable( $callable ) ) {
				$target     = $callable;
				$reflection = is_array( $callable )
					? new \ReflectionMethod( $callable[0], $callable[1] )
					: new \ReflectionFunction( \Closure::fromCallable( $callable ) );
			} else {
				self::error( sprintf( "'%s' cannot be run.", $name ) );
			}

			$assoc_args = self::apply_synopsis( (string) $reflection->getDocComment(), $args, $assoc_args );
			call_user_func( $target, $args, $assoc_args );
		}

		/** Whether $word names a public, non-magic method of $object. */
		private static function is_public_subcommand( $object, string $word ): bool {
			$method = str_replace( '-', '_', $word );
			if ( '' === $method || 0 === strpos( $method, '_' ) || ! method_exists( $object, $method ) ) {
				return false;
			}
			$reflection = new \ReflectionMethod( $object, $method );
			return $reflection->isPublic() && ! $reflection->isStatic() && ! $reflection->isConstructor();
		}

		/**
		 * Checks arguments against the `## OPTIONS` section of a docblock and fills in defaults.
		 *
		 * @throws \WP_CLI\ExitException On a parameter error.
		 */
		private static function apply_synopsis( string $doc, array $args, array $assoc_args ): array {
			$spec = self::parse_options( $doc );
			if ( null === $spec ) {
				return $assoc_args; // No OPTIONS section: accept anything, like an undocumented command.
			}

			$errors = array();
			foreach ( $assoc_args as $key => $value ) {
				if ( ! isset( $spec['assoc'][ $key ] ) ) {
					$errors[] = sprintf( 'unknown --%s parameter', $key );
				}
			}
			foreach ( $spec['assoc'] as $key => $param ) {
				if ( ! array_key_exists( $key, $assoc_args ) ) {
					if ( null !== $param['default'] ) {
						$assoc_args[ $key ] = $param['default'];
					} elseif ( ! $param['optional'] ) {
						$errors[] = sprintf( 'missing --%s parameter', $key );
					}
					continue;
				}
				$value = $assoc_args[ $key ];
				if ( $param['flag'] && true !== $value ) {
					$errors[] = sprintf( '--%s is a flag and takes no value', $key );
				} elseif ( ! $param['flag'] && true === $value ) {
					$errors[] = sprintf( '--%s needs a value', $key );
				} elseif ( $param['options'] && ! in_array( (string) $value, $param['options'], true ) ) {
					$errors[] = sprintf( "Invalid value specified for '%s' (%s)", $key, implode( ', ', $param['options'] ) );
				}
			}
			$required = count( array_filter( $spec['positional'], static fn( $p ) => ! $p['optional'] ) );
			$repeats  = (bool) array_filter( $spec['positional'], static fn( $p ) => $p['repeating'] );
			if ( count( $args ) < $required ) {
				$errors[] = 'missing positional argument';
			} elseif ( ! $repeats && count( $args ) > count( $spec['positional'] ) ) {
				$errors[] = sprintf( 'Too many positional arguments: %s', implode( ' ', array_slice( $args, count( $spec['positional'] ) ) ) );
			}

			if ( $errors ) {
				self::error( "Parameter errors:\n " . implode( "\n ", $errors ) );
			}
			return $assoc_args;
		}

		/**
		 * Parses the `## OPTIONS` section: synopsis lines, and the YAML-ish block
		 * (`default:` and `options:`) between `---` lines that follows a description.
		 *
		 * @return array{positional: array, assoc: array}|null
		 */
		private static function parse_options( string $doc ): ?array {
			$lines = array();
			foreach ( preg_split( '/\R/', $doc ) as $line ) {
				$line    = preg_replace( '#^\s*/?\*+/?\s?#', '', $line );
				$lines[] = rtrim( (string) $line );
			}

			$spec       = array(
				'positional' => array(),
				'assoc'      => array(),
			);
			$in_options = false;
			$in_yaml    = false;
			$current    = null;
			foreach ( $lines as $line ) {
				if ( preg_match( '/^##\s+(.*)$/', $line, $m ) ) {
					$in_options = 'OPTIONS' === strtoupper( trim( $m[1] ) );
					$current    = null;
					continue;
				}
				if ( ! $in_options ) {
					continue;
				}
				if ( '---' === trim( $line ) ) {
					$in_yaml = ! $in_yaml;
					continue;
				}
				if ( $in_yaml ) {
					if ( null === $current ) {
						continue;
					}
					if ( preg_match( '/^default:\s*(.*)$/', trim( $line ), $m ) ) {
						$spec['assoc'][ $current ]['default'] = trim( $m[1], " \"'" );
					} elseif ( preg_match( '/^-\s*(.+)$/', trim( $line ), $m ) ) {
						$spec['assoc'][ $current ]['options'][] = trim( $m[1], " \"'" );
					}
					continue;
				}
				if ( preg_match( '/^(\[)?--([a-z0-9][a-z0-9_-]*)(=<[^>]+>)?\]?$/i', $line, $m ) ) {
					$current                   = $m[2];
					$spec['assoc'][ $current ] = array(
						'optional' => '[' === $m[1],
						'flag'     => empty( $m[3] ),
						'default'  => null,
						'options'  => array(),
					);
					continue;
				}
				if ( preg_match( '/^(\[)?<([a-z0-9_-]+)>\]?(\.\.\.)?$/i', $line, $m ) ) {
					$current                = null;
					$spec['positional'][]   = array(
						'optional'  => '[' === $m[1],
						'repeating' => ! empty( $m[3] ),
					);
				}
			}

			return ( $spec['assoc'] || $spec['positional'] || in_array( '## OPTIONS', $lines, true ) ) ? $spec : null;
		}

		/** A message as text: strings, WP_Error and Throwable like WP-CLI accepts. */
		private static function message_text( $message ): string {
			if ( $message instanceof \WP_Error ) {
				return $message->get_error_message();
			}
			if ( $message instanceof \Throwable ) {
				return $message->getMessage();
			}
			return (string) $message;
		}
	}
}

namespace WP_CLI\Utils {

	/**
	 * Stand-in of the object WP_CLI\Utils\make_progress_bar() returns: records
	 * what it is told in standin_bars() instead of drawing.
	 */
	final class Standin_Progress_Bar {

		/** @var array<int, array{message: string, total: int, ticks: int, tick_calls: int, finished: bool}> */
		private static array $bars = array();

		private int $index;

		public function __construct( string $message, int $total ) {
			$this->index  = count( self::$bars );
			self::$bars[] = array(
				'message'    => $message,
				'total'      => $total,
				'ticks'      => 0,
				'tick_calls' => 0,
				'finished'   => false,
			);
		}

		/** Advances the bar, like cli\progress\Bar::tick(). */
		public function tick( $increment = 1, $msg = null ) {
			self::$bars[ $this->index ]['ticks'] += (int) $increment;
			++self::$bars[ $this->index ]['tick_calls'];
		}

		/** Sets the total, like cli\Progress::setTotal(). */
		public function setTotal( $total ) {
			self::$bars[ $this->index ]['total'] = (int) $total;
		}

		/** Ends the bar, like cli\Progress::finish(). */
		public function finish() {
			self::$bars[ $this->index ]['finished'] = true;
		}

		/** Bars made since the last reset (stand-in only). */
		public static function standin_bars(): array {
			return self::$bars;
		}

		/** Forgets the recorded bars (stand-in only). */
		public static function standin_reset(): void {
			self::$bars = array();
		}
	}

	/**
	 * Stand-in of WP_CLI\Utils\make_progress_bar().
	 *
	 * @param string $message  Label.
	 * @param int    $count    Total.
	 * @param int    $interval Ignored (redraw interval in WP-CLI).
	 * @return Standin_Progress_Bar
	 */
	function make_progress_bar( $message, $count, $interval = 100 ) {
		return new Standin_Progress_Bar( (string) $message, (int) $count );
	}


	/**
	 * Stand-in of WP_CLI\Utils\get_flag_value().
	 *
	 * @param array  $assoc_args Associative arguments.
	 * @param string $flag       Name without the leading dashes.
	 * @param mixed  $default    Value when the flag is absent.
	 * @return mixed
	 */
	function get_flag_value( $assoc_args, $flag, $default = null ) {
		if ( isset( $assoc_args[ $flag ] ) ) {
			return $assoc_args[ $flag ];
		}
		if ( isset( $assoc_args[ 'no-' . $flag ] ) ) {
			return ! $assoc_args[ 'no-' . $flag ];
		}
		return $default;
	}

	/**
	 * Stand-in of WP_CLI\Utils\format_items(): prints items in a format.
	 *
	 * Formats: table, json, csv, yaml, ids, count.
	 *
	 * @param string          $format Output format.
	 * @param iterable        $items  Arrays or objects.
	 * @param string|string[] $fields Fields to show (array or comma-separated string).
	 */
	function format_items( $format, $items, $fields ) {
		if ( is_string( $fields ) ) {
			$fields = array_map( 'trim', explode( ',', $fields ) );
		}
		$fields = array_values( $fields );

		$rows = array();
		foreach ( $items as $item ) {
			$item = is_object( $item ) ? get_object_vars( $item ) : (array) $item;
			$row  = array();
			foreach ( $fields as $field ) {
				if ( ! array_key_exists( $field, $item ) ) {
					\WP_CLI::error( sprintf( 'Invalid field: %s.', $field ) );
				}
				$row[ $field ] = $item[ $field ];
			}
			$rows[] = $row;
		}

		switch ( $format ) {
			case 'json':
				echo json_encode( $rows ) . "\n";
				return;
			case 'count':
				echo count( $rows ) . "\n";
				return;
			case 'ids':
				echo implode( ' ', array_map( static fn( $r ) => standin_scalar( reset( $r ) ), $rows ) ) . "\n";
				return;
			case 'csv':
				$out = fopen( 'php://output', 'w' );
				fputcsv( $out, $fields, ',', '"', '\\' );
				foreach ( $rows as $row ) {
					fputcsv( $out, array_map( __NAMESPACE__ . '\\standin_scalar', $row ), ',', '"', '\\' );
				}
				fclose( $out );
				return;
			case 'yaml':
				echo "---\n";
				foreach ( $rows as $row ) {
					$prefix = '- ';
					foreach ( $row as $field => $value ) {
						echo $prefix . $field . ': ' . standin_yaml_scalar( $value ) . "\n";
						$prefix = '  ';
					}
				}
				return;
			case 'table':
				echo standin_table( $fields, $rows );
				return;
			default:
				\WP_CLI::error( sprintf( "Invalid format: %s", $format ) );
		}
	}

	/** A cell value as text (arrays as JSON, like WP-CLI). */
	function standin_scalar( $value ): string {
		if ( is_bool( $value ) ) {
			return $value ? 'true' : 'false';
		}
		if ( is_array( $value ) || is_object( $value ) ) {
			return json_encode( $value );
		}
		return (string) $value;
	}

	/** A value in YAML flow style. */
	function standin_yaml_scalar( $value ): string {
		if ( null === $value ) {
			return 'null';
		}
		if ( is_bool( $value ) || is_int( $value ) || is_float( $value ) ) {
			return json_encode( $value );
		}
		if ( is_array( $value ) ) {
			return '[' . implode( ', ', array_map( __NAMESPACE__ . '\\standin_yaml_scalar', $value ) ) . ']';
		}
		$text = (string) $value;
		return ( '' === $text || preg_match( '/[:#\[\]{},&*!|>\'"%@`]|^\s|\s$/', $text ) ) ? json_encode( $text ) : $text;
	}

	/** Draws an ASCII table. */
	function standin_table( array $fields, array $rows ): string {
		$widths = array();
		foreach ( $fields as $field ) {
			$widths[ $field ] = mb_strlen( $field );
		}
		$cells = array();
		foreach ( $rows as $row ) {
			$line = array();
			foreach ( $fields as $field ) {
				$text             = str_replace( array( "\r", "\n" ), ' ', standin_scalar( $row[ $field ] ) );
				$line[ $field ]   = $text;
				$widths[ $field ] = max( $widths[ $field ], mb_strlen( $text ) );
			}
			$cells[] = $line;
		}
		$border = '+';
		foreach ( $fields as $field ) {
			$border .= str_repeat( '-', $widths[ $field ] + 2 ) . '+';
		}
		$render = static function ( array $line ) use ( $fields, $widths ): string {
			$out = '|';
			foreach ( $fields as $field ) {
				$text = $line[ $field ];
				$out .= ' ' . $text . str_repeat( ' ', $widths[ $field ] - mb_strlen( $text ) ) . ' |';
			}
			return $out . "\n";
		};
		$out = $border . "\n" . $render( array_combine( $fields, $fields ) ) . $border . "\n";
		foreach ( $cells as $line ) {
			$out .= $render( $line );
		}
		return $out . $border . "\n";
	}
}
