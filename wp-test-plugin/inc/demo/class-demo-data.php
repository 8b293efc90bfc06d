<?php
/**
 * Demo data for the impact and SLA reports, for sites without SitePulse.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\Demo;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Writes a realistic month of monitoring into the companion's own options, in
 * SitePulse's formats, so the reports have something to show:
 *
 * - an uptime log of two agents (`eu-west`, `us-east`) checking every 10
 *   minutes for 30 days, timestamps in WordPress local seconds as SitePulse
 *   writes them, with five incidents, one planned maintenance hour on both
 *   agents and a short spell of unknown results on one agent;
 * - an impact history of five plugins, one entry every 8 hours (90 entries,
 *   SitePulse's cap), weights as SitePulse computes them (share of the sum).
 *
 * The plan (what was put where) is stored with the data, so that a report can
 * be checked against it. SitePulse's own options are never written.
 */
final class Demo_Data {

	/** The companion's options (never SitePulse's). */
	public const UPTIME_LOG_OPTION     = 'jlg_native_demo_uptime_log';
	public const UPTIME_AGENTS_OPTION  = 'jlg_native_demo_uptime_agents';
	public const IMPACT_HISTORY_OPTION = 'jlg_native_demo_impact_history';
	public const PLAN_OPTION           = 'jlg_native_demo_plan';

	/** Seconds between two checks of one agent. */
	public const CHECK_INTERVAL = 600;

	/** Days of uptime log and impact history. */
	public const DAYS = 30;

	/** Seconds between two impact history entries (90 in 30 days). */
	public const IMPACT_INTERVAL = 8 * HOUR_IN_SECONDS;

	/** Agents: id => [label, region, seconds after the 10-minute mark it checks at]. */
	private const AGENTS = array(
		'eu-west' => array( 'EU West (Paris)', 'eu', 0 ),
		'us-east' => array( 'US East (Virginia)', 'us', 37 ),
	);

	/**
	 * Incidents: [agents, days ago, failed checks, error]. Each failed check
	 * holds for one interval, so an incident lasts checks x 600 s.
	 */
	private const INCIDENTS = array(
		array( array( 'eu-west' ), 2.25, 3, 'HTTP 503 Service Unavailable' ),
		array( array( 'us-east' ), 5.5, 2, 'cURL error 28: Operation timed out' ),
		array( array( 'eu-west', 'us-east' ), 12.4, 4, 'HTTP 500 Internal Server Error' ),
		array( array( 'eu-west' ), 19.1, 6, 'cURL error 6: Could not resolve host' ),
		array( array( 'us-east' ), 26.3, 1, 'HTTP 502 Bad Gateway' ),
	);

	/** Planned maintenance: [days ago, checks] on every agent. */
	private const MAINTENANCE = array( 9.2, 6 );

	/** Unknown results (the agent did not answer): [agent, days ago, checks]. */
	private const UNKNOWN = array( 'us-east', 15.7, 2 );

	/** Plugins: file => [mean avg_ms, spread, samples]. */
	private const PLUGINS = array(
		'woocommerce/woocommerce.php'           => array( 58.0, 9.0, 40 ),
		'elementor/elementor.php'               => array( 36.0, 7.0, 40 ),
		'wordfence/wordfence.php'               => array( 24.0, 5.0, 40 ),
		'contact-form-7/wp-contact-form-7.php'  => array( 7.5, 2.0, 40 ),
		'akismet/akismet.php'                   => array( 3.2, 1.0, 40 ),
	);

	/** Whether demo data is stored. */
	public static function exists(): bool {
		foreach ( array( self::UPTIME_LOG_OPTION, self::IMPACT_HISTORY_OPTION ) as $option ) {
			if ( null !== get_option( $option, null ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The stored demo uptime data, or null.
	 *
	 * @return array{log: array, agents: array}|null
	 */
	public static function uptime(): ?array {
		$log = get_option( self::UPTIME_LOG_OPTION, null );
		if ( ! is_array( $log ) || array() === $log ) {
			return null;
		}
		$agents = get_option( self::UPTIME_AGENTS_OPTION, array() );
		return array(
			'log'    => $log,
			'agents' => is_array( $agents ) ? $agents : array(),
		);
	}

	/** The stored demo impact history (`{plugin_file: entries}`), or null. */
	public static function impact_history(): ?array {
		$stored = get_option( self::IMPACT_HISTORY_OPTION, null );
		if ( ! is_array( $stored ) || empty( $stored['plugins'] ) || ! is_array( $stored['plugins'] ) ) {
			return null;
		}
		return $stored['plugins'];
	}

	/** The plan of the stored demo data, or null. */
	public static function plan(): ?array {
		$plan = get_option( self::PLAN_OPTION, null );
		return is_array( $plan ) ? $plan : null;
	}

	/** Removes every demo option. */
	public static function delete(): void {
		foreach ( array( self::UPTIME_LOG_OPTION, self::UPTIME_AGENTS_OPTION, self::IMPACT_HISTORY_OPTION, self::PLAN_OPTION ) as $option ) {
			delete_option( $option );
		}
	}

	/**
	 * Writes the demo data.
	 *
	 * @param bool     $force Replace demo data that is already there.
	 * @param int|null $now   Unix time (UTC) the data ends at; default now.
	 * @return array|\WP_Error The plan, or `jlg_native_demo_exists` when demo
	 *                         data is there and $force is false.
	 */
	public static function seed( bool $force = false, ?int $now = null ) {
		if ( self::exists() && ! $force ) {
			return new \WP_Error(
				'jlg_native_demo_exists',
				__( 'Demo data is already there; use --force to replace it.', 'jlg-native' )
			);
		}
		$now    = $now ?? time();
		$offset = (int) round( (float) get_option( 'gmt_offset', 0 ) * HOUR_IN_SECONDS );

		$uptime = self::build_uptime( $now, $offset );
		$impact = self::build_impact( $now );
		mt_srand(); // Back to a random seed for the rest of the request.

		self::delete();
		// Not autoloaded: about a megabyte, read only by the reports.
		add_option( self::UPTIME_LOG_OPTION, $uptime['log'], '', 'no' );
		add_option( self::UPTIME_AGENTS_OPTION, $uptime['agents'], '', 'no' );
		add_option( self::IMPACT_HISTORY_OPTION, $impact, '', 'no' );

		$plan = array(
			'seeded_at'      => $now,
			'gmt_offset'     => $offset,
			'check_interval' => self::CHECK_INTERVAL,
			'days'           => self::DAYS,
			'entries'        => count( $uptime['log'] ),
			'agents'         => array_keys( self::AGENTS ),
			'incidents'      => $uptime['incidents'],
			'maintenance'    => $uptime['maintenance'],
			'unknown'        => $uptime['unknown'],
			'plugins'        => array_keys( self::PLUGINS ),
			'impact_entries' => count( reset( $impact['plugins'] ) ),
		);
		add_option( self::PLAN_OPTION, $plan, '', 'no' );
		return $plan;
	}

	/**
	 * The uptime log and what was put in it. Times in the plan are UTC.
	 *
	 * @return array{log: array, agents: array, incidents: array, maintenance: array, unknown: array}
	 */
	private static function build_uptime( int $now, int $offset ): array {
		$per_day = intdiv( DAY_IN_SECONDS, self::CHECK_INTERVAL );
		$count   = self::DAYS * $per_day;
		// The newest check of the first agent: on a 10-minute mark, one interval
		// back, so that no agent's check lies after $now.
		$last = $now - ( $now % self::CHECK_INTERVAL ) - self::CHECK_INTERVAL;

		// Check index => [status, error] per agent; index 0 is the oldest check.
		$events    = array();
		$incidents = array();
		$index_of  = static fn( float $days_ago ): int => $count - 1 - (int) round( $days_ago * $per_day );
		foreach ( self::INCIDENTS as list( $agents, $days_ago, $checks, $error ) ) {
			$first = $index_of( $days_ago );
			foreach ( $agents as $agent ) {
				for ( $i = 0; $i < $checks; $i++ ) {
					$events[ $agent ][ $first + $i ] = array( false, $error );
				}
				$start       = self::check_time( $last, $count, $first, $agent );
				$incidents[] = array(
					'agent'    => $agent,
					'start'    => $start,
					'end'      => $start + $checks * self::CHECK_INTERVAL,
					'duration' => $checks * self::CHECK_INTERVAL,
					'error'    => $error,
				);
			}
		}
		list( $days_ago, $checks ) = self::MAINTENANCE;
		$first                     = $index_of( $days_ago );
		$maintenance               = array();
		foreach ( array_keys( self::AGENTS ) as $agent ) {
			for ( $i = 0; $i < $checks; $i++ ) {
				$events[ $agent ][ $first + $i ] = array( 'maintenance', null );
			}
			$start         = self::check_time( $last, $count, $first, $agent );
			$maintenance[] = array(
				'agent'    => $agent,
				'start'    => $start,
				'end'      => $start + $checks * self::CHECK_INTERVAL,
				'duration' => $checks * self::CHECK_INTERVAL,
			);
		}
		list( $agent, $days_ago, $checks ) = self::UNKNOWN;
		$first                             = $index_of( $days_ago );
		for ( $i = 0; $i < $checks; $i++ ) {
			$events[ $agent ][ $first + $i ] = array( 'unknown', 'No answer from the agent' );
		}
		$start   = self::check_time( $last, $count, $first, $agent );
		$unknown = array(
			array(
				'agent'    => $agent,
				'start'    => $start,
				'end'      => $start + $checks * self::CHECK_INTERVAL,
				'duration' => $checks * self::CHECK_INTERVAL,
			),
		);

		// A fixed seed: the same plan gives the same latencies every time.
		mt_srand( 20240611 );
		$log            = array();
		$incident_start = array();
		for ( $i = 0; $i < $count; $i++ ) {
			foreach ( array_keys( self::AGENTS ) as $agent ) {
				$ts               = self::check_time( $last, $count, $i, $agent ) + $offset;
				list( $status, $error ) = $events[ $agent ][ $i ] ?? array( true, null );
				$latency          = round( ( 'us-east' === $agent ? 0.18 : 0.09 ) + mt_rand( 0, 250 ) / 1000, 3 );
				$entry            = array(
					'timestamp' => $ts,
					'agent'     => $agent,
					'status'    => $status,
				);
				if ( true === $status || false === $status ) {
					$entry['latency'] = false === $status ? round( $latency + 9.5, 3 ) : $latency;
					$entry['ttfb']    = round( $entry['latency'] * 0.7, 3 );
				}
				if ( false === $status ) {
					$incident_start[ $agent ] = $incident_start[ $agent ] ?? $ts;
					$entry['incident_start']  = $incident_start[ $agent ];
					$entry['error']           = $error;
					$entry['violation_types'] = array( 'availability' );
				} else {
					unset( $incident_start[ $agent ] );
					if ( null !== $error ) {
						$entry['error'] = $error;
					}
				}
				$log[] = $entry;
			}
		}

		$agents = array();
		foreach ( self::AGENTS as $id => list( $label, $region ) ) {
			$agents[ $id ] = array(
				'label'  => $label,
				'region' => $region,
				'active' => true,
				'weight' => 1.0,
			);
		}

		return array(
			'log'         => $log,
			'agents'      => $agents,
			'incidents'   => $incidents,
			'maintenance' => $maintenance,
			'unknown'     => $unknown,
		);
	}

	/** UTC time of check $index (0 = oldest) of $agent. */
	private static function check_time( int $last, int $count, int $index, string $agent ): int {
		return $last - ( $count - 1 - $index ) * self::CHECK_INTERVAL + self::AGENTS[ $agent ][2];
	}

	/**
	 * An impact history in SitePulse's stored format.
	 *
	 * @return array{updated_at: int, total_impact: float, plugins: array}
	 */
	private static function build_impact( int $now ): array {
		mt_srand( 20240612 );
		$entries = intdiv( self::DAYS * DAY_IN_SECONDS, self::IMPACT_INTERVAL );
		$first   = $now - ( $entries - 1 ) * self::IMPACT_INTERVAL;
		$plugins = array_fill_keys( array_keys( self::PLUGINS ), array() );
		$total   = 0.0;
		for ( $i = 0; $i < $entries; $i++ ) {
			$ts      = $first + $i * self::IMPACT_INTERVAL;
			$samples = array();
			foreach ( self::PLUGINS as $file => list( $mean, $spread, $count ) ) {
				// A slow drift upwards over the month, plus noise.
				$avg              = max( 0.1, $mean * ( 0.9 + 0.2 * $i / $entries ) + ( mt_rand( -1000, 1000 ) / 1000 ) * $spread );
				$samples[ $file ] = array(
					'avg'     => round( $avg, 3 ),
					'samples' => $count + mt_rand( -5, 5 ),
					'last'    => round( $avg * ( 0.8 + mt_rand( 0, 400 ) / 1000 ), 3 ),
				);
			}
			$total = array_sum( array_column( $samples, 'avg' ) );
			foreach ( $samples as $file => $sample ) {
				$plugins[ $file ][] = array(
					'timestamp' => $ts,
					'avg_ms'    => $sample['avg'],
					'samples'   => $sample['samples'],
					'last_ms'   => $sample['last'],
					'weight'    => $sample['avg'] / $total * 100,
				);
			}
		}
		return array(
			'updated_at'   => $now,
			'total_impact' => $total,
			'plugins'      => $plugins,
		);
	}
}
