//! INI entries of the extension.

use std::ffi::{c_char, c_int, c_void, CStr};

use ext_php_rs::ffi::{zend_ini_entry, zend_string};
use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::types::ZendStr;
use ext_php_rs::zend::{IniEntryDef, IniEntryDefs};

use crate::logging;

/// `jlg_native.log_level`: `off|error|warn|info|debug`.
pub const LOG_LEVEL: &CStr = c"jlg_native.log_level";
/// `jlg_native.state_dir`: folder of the node-local SQLite store; empty = none.
pub const STATE_DIR: &CStr = c"jlg_native.state_dir";

static ENTRIES: IniEntryDefs<3> = IniEntryDefs::new([
    with_on_modify(IniEntryDef::new(LOG_LEVEL, c"warn", IniEntryPermission::All), on_log_level),
    IniEntryDef::new(STATE_DIR, c"", IniEntryPermission::All),
    IniEntryDef::end(),
]);

type OnModify = unsafe extern "C" fn(
    *mut zend_ini_entry,
    *mut zend_string,
    *mut c_void,
    *mut c_void,
    *mut c_void,
    c_int,
) -> c_int;

const fn with_on_modify(mut entry: IniEntryDef, handler: OnModify) -> IniEntryDef {
    entry.on_modify = Some(handler);
    entry
}

const SUCCESS: c_int = 0;
const FAILURE: c_int = -1;

/// Validates `jlg_native.log_level` and applies it at once. An unknown value is
/// refused (`ini_set()` returns false) and the level in force stays.
unsafe extern "C" fn on_log_level(
    _entry: *mut zend_ini_entry,
    new_value: *mut zend_string,
    _a1: *mut c_void,
    _a2: *mut c_void,
    _a3: *mut c_void,
    _stage: c_int,
) -> c_int {
    // SAFETY: the engine passes the new value as a live zend_string (or null).
    let text = unsafe { new_value.cast::<ZendStr>().as_ref() }
        .map(|s| String::from_utf8_lossy(s.as_bytes()).into_owned())
        .unwrap_or_default();
    match logging::parse_level(&text) {
        Some(level) => {
            logging::set_level(level);
            SUCCESS
        }
        None => FAILURE,
    }
}

extern "C" {
    fn zend_ini_string_ex(name: *const c_char, name_length: usize, orig: c_int, exists: *mut bool) -> *mut c_char;
}

/// Registers the entries. Called from module startup.
pub fn register(module_number: i32) {
    IniEntryDef::register(ENTRIES.as_slice(), module_number);
}

/// The current value of an INI entry, on the PHP thread.
pub fn string(name: &CStr) -> Option<String> {
    let mut exists = false;
    // SAFETY: `name` is NUL-terminated; the engine returns a pointer it owns.
    let value = unsafe { zend_ini_string_ex(name.as_ptr(), name.to_bytes().len(), 0, &mut exists) };
    if !exists || value.is_null() {
        return None;
    }
    // SAFETY: a non-null INI value is a NUL-terminated string.
    Some(unsafe { CStr::from_ptr(value) }.to_string_lossy().into_owned())
}
