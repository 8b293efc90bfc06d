//! Bridges Rust's `log` records to PHP's error log.
//!
//! The level comes from the INI entry `jlg_native.log_level`
//! (`off|error|warn|info|debug`); its change handler applies a new value at
//! once, so `ini_set()` takes effect on the next record. Records written from a
//! worker thread (parallel scans) are queued and written by the PHP thread when
//! the call returns: PHP's logging functions are not thread-safe.

use std::ffi::{c_char, c_int, CString};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};
use std::thread::{self, ThreadId};

use log::{Level, LevelFilter, Log, Metadata, Record};

extern "C" {
    fn php_log_err_with_severity(message: *const c_char, syslog_type: c_int);
}

static LEVEL: AtomicU8 = AtomicU8::new(LevelFilter::Warn as u8);
static PHP_THREAD: OnceLock<ThreadId> = OnceLock::new();
static PENDING: Mutex<Vec<(Level, String)>> = Mutex::new(Vec::new());
/// Bound on queued records, so a runaway worker cannot grow memory without limit.
const MAX_PENDING: usize = 1000;

/// Parses an INI value; `None` for anything unknown. An empty value means off:
/// PHP's INI parser turns a bare `off` (or `no`, `false`) into "".
pub fn parse_level(value: &str) -> Option<LevelFilter> {
    Some(match value.trim().to_ascii_lowercase().as_str() {
        "" | "off" | "none" | "no" | "false" | "0" => LevelFilter::Off,
        "error" => LevelFilter::Error,
        "warn" | "warning" => LevelFilter::Warn,
        "info" => LevelFilter::Info,
        "debug" => LevelFilter::Debug,
        "trace" => LevelFilter::Trace,
        _ => return None,
    })
}

fn level_from_u8(n: u8) -> LevelFilter {
    match n {
        0 => LevelFilter::Off,
        1 => LevelFilter::Error,
        2 => LevelFilter::Warn,
        3 => LevelFilter::Info,
        4 => LevelFilter::Debug,
        _ => LevelFilter::Trace,
    }
}

/// The level in force.
pub fn level() -> LevelFilter {
    level_from_u8(LEVEL.load(Ordering::Relaxed))
}

/// Sets the level in force; called by the INI entry's change handler.
pub fn set_level(level: LevelFilter) {
    LEVEL.store(level as u8, Ordering::Relaxed);
}

struct PhpLogger;

static LOGGER: PhpLogger = PhpLogger;

/// Installs the bridge. Called once from module startup, on the PHP thread.
pub fn install() {
    let _ = PHP_THREAD.set(thread::current().id());
    // The logger filters by the INI level itself; let every record reach it.
    if log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(LevelFilter::Trace);
    }
}

fn on_php_thread() -> bool {
    PHP_THREAD.get().is_some_and(|id| *id == thread::current().id())
}

fn write(level: Level, line: &str) {
    // Interior NUL bytes would cut the message short; show them instead.
    let Ok(c) = CString::new(line.replace('\0', "\\0")) else { return };
    let syslog = match level {
        Level::Error => 3,
        Level::Warn => 4,
        Level::Info => 6,
        Level::Debug | Level::Trace => 7,
    };
    // SAFETY: on the PHP thread, with a NUL-terminated message.
    unsafe { php_log_err_with_severity(c.as_ptr(), syslog) };
}

/// Writes the records queued by worker threads. Runs on the PHP thread.
pub fn flush_pending() {
    let drained = match PENDING.lock() {
        Ok(mut queue) if !queue.is_empty() => std::mem::take(&mut *queue),
        _ => return,
    };
    for (level, line) in drained {
        write(level, &line);
    }
}

impl Log for PhpLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= level()
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = format!(
            "jlg_native {}: [{}] {}",
            record.level().as_str().to_ascii_lowercase(),
            record.target(),
            record.args()
        );
        if on_php_thread() {
            write(record.level(), &line);
        } else if let Ok(mut queue) = PENDING.lock() {
            if queue.len() < MAX_PENDING {
                queue.push((record.level(), line));
            }
        }
    }

    fn flush(&self) {}
}
