/**
 * Cron playground of Tools > JLG Native.
 *
 * As the user types (debounced), POSTs the expression to the REST route
 * `jlg-native/v1/cron/preview` and shows what it answers:
 *
 *   200: { expression, normalized, timezone, description,
 *          next_runs: [ { timestamp, iso, formatted, relative } ],
 *          interval: { min, max },
 *          impact: { runs_per_day, estimated_load, level },
 *          warnings: [ { code, severity, message } ],
 *          errors: [ { code, severity, message } ],   (lint errors, e.g. too_frequent)
 *          severity: 'ok' | 'warning' | 'danger' | 'error' }
 *        Runs are shown from `iso` (wall clock and offset of the chosen zone)
 *        in the site's formats, and the time left is counted here, when shown;
 *   400 jlg_native_cron_invalid: the syntax errors under `data.errors`,
 *        [ { code, field, position, length, message } ] (position: zero-based
 *        character index in the expression as sent); a body with `errors` at
 *        its top is read too;
 *   400 rest_invalid_param: a bad parameter (such as an unknown time zone),
 *        explained in `data.params`;
 *   501 / 503: the extension (or its cron support) is missing.
 *
 * Text goes into the page through textContent only. Nonces come from
 * apiFetch's own middleware.
 *
 * @package JLG\NativeCompanion
 */
( function ( wp, config ) {
	'use strict';

	if ( ! wp || ! wp.apiFetch || ! wp.i18n || ! wp.date || ! config ) {
		return;
	}

	const { __, _n, sprintf } = wp.i18n;
	const apiFetch = wp.apiFetch;

	const FIELD_NAMES = {
		minute: __( 'minute', 'jlg-native' ),
		hour: __( 'hour', 'jlg-native' ),
		day_of_month: __( 'day of month', 'jlg-native' ),
		month: __( 'month', 'jlg-native' ),
		day_of_week: __( 'day of week', 'jlg-native' ),
		expression: __( 'expression', 'jlg-native' ),
	};

	const SEVERITY_LABELS = {
		ok: __( 'OK', 'jlg-native' ),
		info: __( 'Note', 'jlg-native' ),
		warning: __( 'Warning', 'jlg-native' ),
		danger: __( 'Danger', 'jlg-native' ),
		error: __( 'Error', 'jlg-native' ),
	};

	const IMPACT_LABELS = {
		ok: __( 'low', 'jlg-native' ),
		warning: __( 'moderate', 'jlg-native' ),
		danger: __( 'high', 'jlg-native' ),
	};

	/**
	 * Creates an element. Attributes are set with setAttribute; children are
	 * nodes or strings (as text nodes).
	 *
	 * @param {string}         tag      Tag name.
	 * @param {Object}         attrs    Attributes (null or undefined values are skipped).
	 * @param {Array|Node|string} children Children.
	 * @return {HTMLElement} The element.
	 */
	function el( tag, attrs, children ) {
		const node = document.createElement( tag );
		Object.keys( attrs || {} ).forEach( ( name ) => {
			const value = attrs[ name ];
			if ( null !== value && undefined !== value && false !== value ) {
				node.setAttribute( name, true === value ? '' : String( value ) );
			}
		} );
		[].concat( children === undefined ? [] : children ).forEach( ( child ) => {
			if ( null === child || undefined === child || false === child ) {
				return;
			}
			node.appendChild( 'object' === typeof child ? child : document.createTextNode( String( child ) ) );
		} );
		return node;
	}

	/**
	 * A duration in words, with at most two units ("2 hours 15 minutes").
	 *
	 * @param {number} seconds Seconds, >= 0.
	 * @return {string} Words.
	 */
	function duration( seconds ) {
		let rest = Math.round( Math.abs( seconds ) );
		if ( rest < 60 ) {
			/* translators: %d: number of seconds */
			return sprintf( _n( '%d second', '%d seconds', rest, 'jlg-native' ), rest );
		}
		const units = [
			/* translators: %d: number of days */
			[ 86400, ( n ) => sprintf( _n( '%d day', '%d days', n, 'jlg-native' ), n ) ],
			/* translators: %d: number of hours */
			[ 3600, ( n ) => sprintf( _n( '%d hour', '%d hours', n, 'jlg-native' ), n ) ],
			/* translators: %d: number of minutes */
			[ 60, ( n ) => sprintf( _n( '%d minute', '%d minutes', n, 'jlg-native' ), n ) ],
		];
		const parts = [];
		for ( const [ size, words ] of units ) {
			const count = Math.floor( rest / size );
			if ( count > 0 ) {
				parts.push( words( count ) );
				rest -= count * size;
			} else if ( parts.length ) {
				break; // "1 day 5 minutes" says less than it seems: stop at a gap.
			}
			if ( 2 === parts.length ) {
				break;
			}
		}
		return 1 === parts.length
			? parts[ 0 ]
			: /* translators: 1: larger unit, e.g. "2 hours", 2: smaller unit, e.g. "15 minutes" */
			  sprintf( __( '%1$s %2$s', 'jlg-native' ), parts[ 0 ], parts[ 1 ] );
	}

	/**
	 * When a run is, relative to now ("in 3 hours 5 minutes").
	 *
	 * @param {number} timestamp Unix seconds.
	 * @param {number} now       Unix seconds.
	 * @return {string} Words.
	 */
	function relative( timestamp, now ) {
		const diff = timestamp - now;
		if ( Math.abs( diff ) < 60 ) {
			return diff >= 0 ? __( 'in less than a minute', 'jlg-native' ) : __( 'less than a minute ago', 'jlg-native' );
		}
		return diff > 0
			? /* translators: %s: duration, e.g. "3 hours 5 minutes" */
			  sprintf( __( 'in %s', 'jlg-native' ), duration( diff ) )
			: /* translators: %s: duration, e.g. "3 hours 5 minutes" */
			  sprintf( __( '%s ago', 'jlg-native' ), duration( diff ) );
	}

	/**
	 * A run's date and time in the site's formats, in the offset of its ISO
	 * string (the offset of the chosen time zone at that instant).
	 *
	 * @param {{timestamp: number, iso: string}} run Run.
	 * @return {string} Formatted date.
	 */
	function formatRun( run ) {
		const formats = wp.date.getSettings().formats;
		const iso = 'string' === typeof run.iso ? run.iso : new Date( run.timestamp * 1000 ).toISOString();
		const match = /([+-]\d{2}):?(\d{2})$/.exec( iso );
		const offset = match ? match[ 1 ] + ':' + match[ 2 ] : '+00:00';
		return wp.date.dateI18n( formats.date + ' ' + formats.time, iso, offset );
	}

	/**
	 * The syntax errors in a failed answer, wherever the route put them.
	 *
	 * @param {Object} body Parsed error body.
	 * @return {Array} Errors.
	 */
	function errorsOf( body ) {
		if ( ! body || 'object' !== typeof body ) {
			return [];
		}
		const data = body.data && 'object' === typeof body.data ? body.data : {};
		const candidates = [ body.errors, data.errors, data.details && data.details.errors ];
		for ( const candidate of candidates ) {
			if ( Array.isArray( candidate ) && candidate.length ) {
				return candidate.filter( ( e ) => e && 'object' === typeof e );
			}
		}
		return [];
	}

	function init() {
		const form = document.getElementById( 'jlg-native-cron' );
		const input = document.getElementById( 'jlg-native-cron-expression' );
		const zone = document.getElementById( 'jlg-native-cron-timezone' );
		const summary = document.getElementById( 'jlg-native-cron-summary' );
		const issuesBox = document.getElementById( 'jlg-native-cron-issues' );
		const resultsBox = document.getElementById( 'jlg-native-cron-results' );
		if ( ! form || ! input || ! zone || ! summary || ! issuesBox || ! resultsBox || ! config.available ) {
			return;
		}
		const backdrop = form.querySelector( '.jlg-native-cron-backdrop' );
		const output = resultsBox.parentNode;

		let timer = null;
		let sequence = 0;
		let controller = null;

		/** The expression as sent (trimmed), and how many characters were cut in front. */
		function current() {
			const raw = input.value;
			const trimmed = raw.trim();
			const lead = Array.from( raw ).length - Array.from( raw.replace( /^\s+/, '' ) ).length;
			return { raw, expression: trimmed, lead };
		}

		function setSummary( text, severity ) {
			summary.textContent = text;
			summary.className = 'jlg-native-cron-summary' + ( severity ? ' is-' + severity : '' );
		}

		/**
		 * Where the output stands: idle, pending (a request is on its way), ready
		 * (an analysis is shown), invalid (syntax errors are shown) or failed.
		 *
		 * @param {string} state      State.
		 * @param {string} expression Expression the output is about.
		 */
		function setState( state, expression ) {
			output.setAttribute( 'data-state', state );
			output.setAttribute( 'data-expression', expression || '' );
		}

		function setBusy( busy ) {
			output.classList.toggle( 'is-loading', busy );
			resultsBox.setAttribute( 'aria-busy', busy ? 'true' : 'false' );
		}

		/**
		 * Marks the characters the errors point at, in the backdrop behind the
		 * field (and says so to assistive technology with aria-invalid).
		 *
		 * @param {Array}  errors Errors with position and length.
		 * @param {number} lead   Characters trimmed in front of what was sent.
		 */
		function highlight( errors, lead ) {
			const chars = Array.from( input.value );
			const marked = new Array( chars.length + 1 ).fill( false );
			let any = false;
			errors.forEach( ( error ) => {
				if ( ! Number.isInteger( error.position ) || error.position < 0 ) {
					return;
				}
				const start = error.position + lead;
				const length = Math.max( 1, Number.isInteger( error.length ) ? error.length : 1 );
				for ( let i = start; i < start + length && i <= chars.length; i++ ) {
					marked[ i ] = true;
					any = true;
				}
			} );
			input.setAttribute( 'aria-invalid', errors.length ? 'true' : 'false' );
			if ( ! backdrop ) {
				return;
			}
			backdrop.textContent = '';
			if ( ! any ) {
				return;
			}
			// A mark just past the end (a missing field) shows as a space.
			const shown = chars.concat( marked[ chars.length ] ? [ ' ' ] : [] );
			let i = 0;
			while ( i < shown.length ) {
				const state = marked[ i ];
				let j = i;
				while ( j < shown.length && marked[ j ] === state ) {
					j++;
				}
				const text = shown.slice( i, j ).join( '' );
				backdrop.appendChild( state ? el( 'mark', {}, text ) : document.createTextNode( text ) );
				i = j;
			}
			backdrop.scrollLeft = input.scrollLeft;
		}

		/** Selects characters [start, start + length) of the field (code points). */
		function selectRange( start, length ) {
			const chars = Array.from( input.value );
			const from = chars.slice( 0, start ).join( '' ).length;
			const to = chars.slice( 0, Math.min( chars.length, start + length ) ).join( '' ).length;
			input.focus();
			input.setSelectionRange( from, Math.max( from, to ) );
		}

		/**
		 * Lists errors and warnings below the field. Errors with a position get a
		 * button that selects the characters in the field.
		 *
		 * @param {Array}  errors   Errors.
		 * @param {Array}  warnings Warnings.
		 * @param {number} lead     Characters trimmed in front of what was sent.
		 */
		function renderIssues( errors, warnings, lead ) {
			issuesBox.textContent = '';
			if ( errors.length ) {
				const list = el( 'ul', { class: 'jlg-native-cron-errors' } );
				errors.forEach( ( error ) => {
					const item = el( 'li', { class: 'is-error', 'data-code': error.code } );
					item.appendChild( el( 'span', { class: 'jlg-native-badge jlg-native-badge--error' }, SEVERITY_LABELS.error ) );
					item.appendChild( document.createTextNode( ' ' ) );
					if ( Number.isInteger( error.position ) && error.position >= 0 ) {
						const start = error.position + lead;
						const length = Math.max( 1, Number.isInteger( error.length ) ? error.length : 1 );
						const field = FIELD_NAMES[ error.field ] || error.field || FIELD_NAMES.expression;
						const where =
							1 === length
								? /* translators: 1: character number (from 1), 2: cron field, e.g. "hour" */
								  sprintf( __( 'character %1$d (%2$s)', 'jlg-native' ), start + 1, field )
								: /* translators: 1: first character number (from 1), 2: last character number, 3: cron field, e.g. "hour" */
								  sprintf( __( 'characters %1$d–%2$d (%3$s)', 'jlg-native' ), start + 1, start + length, field );
						const button = el(
							'button',
							{
								type: 'button',
								class: 'button-link jlg-native-cron-locate',
								'data-start': start,
								'data-length': length,
								/* translators: %s: place in the expression, e.g. "character 5 (hour)" */
								'aria-label': sprintf( __( 'Select %s in the field', 'jlg-native' ), where ),
							},
							where
						);
						button.addEventListener( 'click', () => selectRange( start, length ) );
						item.appendChild( button );
						item.appendChild( document.createTextNode( ': ' ) );
					}
					item.appendChild( el( 'span', { class: 'jlg-native-cron-message' }, String( error.message || '' ) ) );
					list.appendChild( item );
				} );
				issuesBox.appendChild( list );
			}
			if ( warnings.length ) {
				const list = el( 'ul', { class: 'jlg-native-cron-warnings' } );
				warnings.forEach( ( warning ) => {
					const severity = SEVERITY_LABELS[ warning.severity ] ? warning.severity : 'warning';
					list.appendChild(
						el( 'li', { class: 'is-' + severity, 'data-code': warning.code }, [
							el( 'span', { class: 'jlg-native-badge jlg-native-badge--' + severity }, SEVERITY_LABELS[ severity ] ),
							' ',
							el( 'span', { class: 'jlg-native-cron-message' }, String( warning.message || '' ) ),
						] )
					);
				} );
				issuesBox.appendChild( list );
			}
		}

		/**
		 * Shows a successful answer.
		 *
		 * @param {Object} data   Answer of the route.
		 * @param {Object} sent   What was sent ({expression, lead}).
		 */
		function renderAnalysis( data, sent ) {
			const errors = Array.isArray( data.errors ) ? data.errors : [];
			const warnings = Array.isArray( data.warnings ) ? data.warnings : [];
			const runs = Array.isArray( data.next_runs ) ? data.next_runs : [];
			const impact = data.impact && 'object' === typeof data.impact ? data.impact : {};
			const interval = data.interval && 'object' === typeof data.interval ? data.interval : {};
			const severity = SEVERITY_LABELS[ data.severity ] ? data.severity : 'ok';
			const description = String( data.description || '' );
			const level = IMPACT_LABELS[ impact.level ] ? impact.level : 'ok';

			highlight( errors, sent.lead );
			renderIssues( errors, warnings, sent.lead );

			resultsBox.textContent = '';
			resultsBox.setAttribute( 'data-severity', severity );
			resultsBox.appendChild(
				el( 'p', { class: 'jlg-native-cron-description' }, [
					el( 'span', { class: 'jlg-native-badge jlg-native-badge--' + severity }, SEVERITY_LABELS[ severity ] ),
					' ',
					el( 'strong', { id: 'jlg-native-cron-description' }, description ),
				] )
			);

			const facts = el( 'dl', { class: 'jlg-native-cron-facts' } );
			const fact = ( key, label, value ) => {
				facts.appendChild( el( 'dt', {}, label ) );
				facts.appendChild( el( 'dd', { 'data-fact': key }, value ) );
			};
			if ( data.normalized && data.normalized !== sent.expression ) {
				fact( 'normalized', __( 'Normalized', 'jlg-native' ), el( 'code', {}, String( data.normalized ) ) );
			}
			fact( 'timezone', __( 'Time zone', 'jlg-native' ), String( data.timezone || zone.value ) );
			const perDay = Number( impact.runs_per_day ) || 0;
			let impactText = sprintf(
				/* translators: 1: impact level (low, moderate, high), 2: number of runs a day */
				_n( '%1$s (%2$s run a day)', '%1$s (%2$s runs a day)', Math.round( perDay ), 'jlg-native' ),
				IMPACT_LABELS[ level ],
				String( Math.round( perDay * 100 ) / 100 )
			);
			if ( 'number' === typeof impact.estimated_load ) {
				/* translators: 1: impact text, 2: duration of work a day */
				impactText = sprintf( __( '%1$s, about %2$s of work a day', 'jlg-native' ), impactText, duration( impact.estimated_load ) );
			}
			fact( 'impact', __( 'Impact', 'jlg-native' ), el( 'span', { class: 'jlg-native-impact jlg-native-impact--' + level, 'data-level': level }, impactText ) );
			if ( 'number' === typeof interval.min && 'number' === typeof interval.max ) {
				fact(
					'interval',
					__( 'Interval', 'jlg-native' ),
					interval.min === interval.max
						? /* translators: %s: duration */
						  sprintf( __( 'every %s', 'jlg-native' ), duration( interval.min ) )
						: /* translators: 1: shortest duration, 2: longest duration */
						  sprintf( __( 'from %1$s to %2$s between runs', 'jlg-native' ), duration( interval.min ), duration( interval.max ) )
				);
			}
			resultsBox.appendChild( facts );

			resultsBox.appendChild( el( 'h3', { id: 'jlg-native-cron-runs-title' }, __( 'Next runs', 'jlg-native' ) ) );
			if ( runs.length ) {
				const now = Date.now() / 1000;
				const list = el( 'ol', { class: 'jlg-native-cron-runs', 'aria-labelledby': 'jlg-native-cron-runs-title' } );
				runs.forEach( ( run ) => {
					list.appendChild(
						el( 'li', { 'data-timestamp': run.timestamp }, [
							el( 'time', { datetime: run.iso }, formatRun( run ) ),
							' ',
							el( 'span', { class: 'jlg-native-cron-relative' }, relative( run.timestamp, now ) ),
						] )
					);
				} );
				resultsBox.appendChild( list );
			} else {
				resultsBox.appendChild( el( 'p', { class: 'jlg-native-cron-no-runs' }, __( 'This expression never runs.', 'jlg-native' ) ) );
			}

			let text;
			if ( errors.length ) {
				text = sprintf(
					/* translators: 1: number of problems, 2: first problem */
					_n( '%1$d problem: %2$s', '%1$d problems, first: %2$s', errors.length, 'jlg-native' ),
					errors.length,
					String( errors[ 0 ].message || '' )
				);
			} else {
				text = sprintf(
					/* translators: 1: schedule description, 2: impact level (low, moderate, high) */
					__( '%1$s. Impact: %2$s.', 'jlg-native' ),
					description.replace( /[.\s]+$/, '' ),
					IMPACT_LABELS[ level ]
				);
				if ( warnings.length ) {
					text +=
						' ' +
						/* translators: %d: number of warnings */
						sprintf( _n( '%d warning.', '%d warnings.', warnings.length, 'jlg-native' ), warnings.length );
				}
			}
			setSummary( text, severity );
			setState( 'ready', sent.expression );
		}

		/**
		 * Shows a failed request. Never empties the form: the field keeps its
		 * text and the examples stay.
		 *
		 * @param {Object} body Error body (apiFetch rejects with the parsed JSON).
		 * @param {Object} sent What was sent.
		 */
		function renderFailure( body, sent ) {
			const errors = errorsOf( body );
			const code = body && body.code;
			const status = body && body.data && body.data.status;
			resultsBox.textContent = '';
			resultsBox.removeAttribute( 'data-severity' );

			if ( errors.length ) {
				highlight( errors, sent.lead );
				renderIssues( errors, [], sent.lead );
				resultsBox.appendChild(
					el( 'p', { class: 'jlg-native-cron-hint' }, __( 'Fix the expression to see its next runs.', 'jlg-native' ) )
				);
				setSummary(
					sprintf(
						/* translators: 1: number of errors, 2: first error message */
						_n( 'Invalid expression: %2$s', 'Invalid expression (%1$d errors): %2$s', errors.length, 'jlg-native' ),
						errors.length,
						String( errors[ 0 ].message || '' )
					),
					'error'
				);
				setState( 'invalid', sent.expression );
				return;
			}

			highlight( [], 0 );
			issuesBox.textContent = '';
			let text;
			if ( 'jlg_native_unavailable' === code || 503 === status ) {
				text = __( 'The preview is not available: the jlg_native extension is not loaded on this server.', 'jlg-native' );
			} else if ( 501 === status ) {
				text = __( 'The preview is not available: this build of the jlg_native extension has no cron support.', 'jlg-native' );
			} else if ( 'rest_no_route' === code ) {
				text = __( 'The preview is not available: this site has no cron preview route. Update the JLG Native Companion plugin.', 'jlg-native' );
			} else if ( 'rest_invalid_param' === code && body.data && body.data.params ) {
				text = Object.keys( body.data.params )
					.map( ( name ) => String( body.data.params[ name ] ) )
					.join( ' ' );
			} else {
				text = sprintf(
					/* translators: %s: error message */
					__( 'The preview failed: %s', 'jlg-native' ),
					String( ( body && body.message ) || __( 'no answer from the server.', 'jlg-native' ) )
				);
			}
			resultsBox.appendChild( el( 'div', { class: 'notice notice-error inline' }, el( 'p', {}, text ) ) );
			setSummary( text, 'error' );
			setState( 'failed', sent.expression );
		}

		function idle() {
			sequence++;
			if ( controller ) {
				controller.abort();
				controller = null;
			}
			setBusy( false );
			highlight( [], 0 );
			issuesBox.textContent = '';
			resultsBox.textContent = '';
			setSummary( __( 'Type an expression or pick an example.', 'jlg-native' ), '' );
			setState( 'idle', '' );
		}

		/** Asks the route now. Older answers still in flight are dropped. */
		function refresh() {
			clearTimeout( timer );
			const sent = current();
			if ( '' === sent.expression ) {
				idle();
				return;
			}
			const mine = ++sequence;
			if ( controller ) {
				controller.abort();
			}
			controller = 'function' === typeof AbortController ? new AbortController() : null;
			setBusy( true );
			setState( 'pending', sent.expression );
			apiFetch( {
				path: config.path,
				method: 'POST',
				data: {
					expression: sent.expression,
					timezone: zone.value,
					count: config.count,
					locale: config.locale,
				},
				signal: controller ? controller.signal : undefined,
			} )
				.then( ( data ) => {
					if ( mine !== sequence ) {
						return;
					}
					setBusy( false );
					if ( ! data || 'object' !== typeof data ) {
						renderFailure( {}, sent );
						return;
					}
					renderAnalysis( data, sent );
				} )
				.catch( ( error ) => {
					if ( mine !== sequence || ( error && 'AbortError' === error.name ) ) {
						return;
					}
					setBusy( false );
					renderFailure( error, sent );
				} );
		}

		/** As the user types: wait for a pause, and meanwhile mark what is shown as stale. */
		function schedule() {
			clearTimeout( timer );
			highlight( [], 0 );
			output.classList.add( 'is-stale' );
			setState( 'pending', input.value.trim() );
			timer = setTimeout( () => {
				output.classList.remove( 'is-stale' );
				refresh();
			}, Number( config.debounce ) || 300 );
		}

		input.addEventListener( 'input', schedule );
		input.addEventListener( 'scroll', () => {
			if ( backdrop ) {
				backdrop.scrollLeft = input.scrollLeft;
			}
		} );
		zone.addEventListener( 'change', refresh );
		form.addEventListener( 'submit', ( event ) => {
			event.preventDefault();
			refresh();
		} );
		form.querySelectorAll( '.jlg-native-cron-example' ).forEach( ( button ) => {
			button.addEventListener( 'click', () => {
				input.value = button.getAttribute( 'data-expression' ) || '';
				output.classList.remove( 'is-stale' );
				refresh();
			} );
		} );

		if ( '' !== input.value.trim() ) {
			refresh(); // The browser restored a value.
		}
	}

	if ( wp.domReady ) {
		wp.domReady( init );
	} else if ( 'loading' === document.readyState ) {
		document.addEventListener( 'DOMContentLoaded', init );
	} else {
		init();
	}
} )( window.wp, window.jlgNativeCron );
