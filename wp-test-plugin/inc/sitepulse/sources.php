<?php
/**
 * Where the impact and SLA reports take their data: SitePulse's own options
 * when SitePulse has written them, else the companion's demo data.
 *
 * Only reads. Nothing here writes SitePulse's options, and nothing here calls
 * the extension: the reports do that, after asking the environment helper.
 *
 * @package JLG\NativeCompanion
 */

namespace JLG\NativeCompanion\SitePulse;

use JLG\NativeCompanion\Demo\Demo_Data;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

require_once JLG_NATIVE_COMPANION_DIR . '/inc/demo/class-demo-data.php';

/**
 * SitePulse's raw uptime log: a list of checks
 * `{timestamp, agent, status, latency, ttfb, incident_start, error, violation_types}`,
 * timestamps in WordPress local seconds (`current_time('timestamp')`).
 */
const UPTIME_LOG_OPTION = 'sitepulse_uptime_log';

/** SitePulse's agents: `{agent_id: {label, region, active, weight}}`. */
const UPTIME_AGENTS_OPTION = 'sitepulse_uptime_agents';

/**
 * SitePulse's plugin impact history, `{updated_at, total_impact, plugins:
 * {plugin_file: [{timestamp, avg_ms, samples, last_ms, weight}]}}`. The name is
 * the plugin's `SITEPULSE_OPTION_PLUGIN_IMPACT_HISTORY` (its impact tracker);
 * it can be changed with the `jlg_native_companion_sitepulse_impact_history_option`
 * filter, should a SitePulse version store it elsewhere.
 */
const IMPACT_HISTORY_OPTION = 'sitepulse_plugin_impact_history';

/** Where a report's data came from. */
const SOURCE_SITEPULSE = 'sitepulse';
const SOURCE_DEMO      = 'demo';
const SOURCE_NONE      = 'none';

/** Name of the option holding SitePulse's impact history (filterable). */
function impact_history_option(): string {
	/**
	 * Filters the name of the option holding SitePulse's plugin impact history.
	 *
	 * @param string $option Option name.
	 */
	$option = apply_filters( 'jlg_native_companion_sitepulse_impact_history_option', IMPACT_HISTORY_OPTION );
	return is_string( $option ) && '' !== $option ? $option : IMPACT_HISTORY_OPTION;
}

/**
 * The plugins of a stored impact history (`{plugins: {...}}`), or null when
 * the value holds none.
 *
 * @param mixed $stored Option value.
 */
function impact_plugins( $stored ): ?array {
	if ( ! is_array( $stored ) || ! isset( $stored['plugins'] ) || ! is_array( $stored['plugins'] ) || array() === $stored['plugins'] ) {
		return null;
	}
	return $stored['plugins'];
}

/**
 * The uptime data a report should use.
 *
 * @return array{source: string, log: array, agents: array<string, array{label: string, weight: float}>}
 *         `agents` lists the configured agents (may be empty: the report then
 *         shows the agents found in the log, each with weight 1).
 */
function uptime_data(): array {
	$log = get_option( UPTIME_LOG_OPTION, null );
	if ( is_array( $log ) && array() !== $log ) {
		return array(
			'source' => SOURCE_SITEPULSE,
			'log'    => $log,
			'agents' => normalize_agents( get_option( UPTIME_AGENTS_OPTION, array() ) ),
		);
	}
	$demo = Demo_Data::uptime();
	if ( null !== $demo ) {
		return array(
			'source' => SOURCE_DEMO,
			'log'    => $demo['log'],
			'agents' => normalize_agents( $demo['agents'] ),
		);
	}
	return array(
		'source' => SOURCE_NONE,
		'log'    => array(),
		'agents' => array(),
	);
}

/**
 * The impact history a report should use.
 *
 * @return array{source: string, history: array}
 */
function impact_data(): array {
	$plugins = impact_plugins( get_option( impact_history_option(), null ) );
	if ( null !== $plugins ) {
		return array(
			'source'  => SOURCE_SITEPULSE,
			'history' => $plugins,
		);
	}
	$demo = Demo_Data::impact_history();
	if ( null !== $demo ) {
		return array(
			'source'  => SOURCE_DEMO,
			'history' => $demo,
		);
	}
	return array(
		'source'  => SOURCE_NONE,
		'history' => array(),
	);
}

/**
 * Agents as `{id: {label, weight}}`, from an agents option in SitePulse's
 * format. A missing or malformed weight counts as 1, a negative one as 0; the
 * label defaults to the id.
 *
 * @param mixed $option Option value.
 * @return array<string, array{label: string, weight: float}>
 */
function normalize_agents( $option ): array {
	if ( ! is_array( $option ) ) {
		return array();
	}
	$agents = array();
	foreach ( $option as $id => $config ) {
		$id = (string) $id;
		if ( '' === $id ) {
			continue;
		}
		$config = is_array( $config ) ? $config : array();
		$weight = isset( $config['weight'] ) && is_numeric( $config['weight'] ) ? max( 0.0, (float) $config['weight'] ) : 1.0;
		$label  = isset( $config['label'] ) && is_string( $config['label'] ) && '' !== trim( $config['label'] ) ? $config['label'] : $id;

		$agents[ $id ] = array(
			'label'  => $label,
			'weight' => $weight,
		);
	}
	return $agents;
}
