//! INI entries of the extension.

use std::ffi::{c_char, c_int, CStr};

use ext_php_rs::flags::IniEntryPermission;
use ext_php_rs::zend::{IniEntryDef, IniEntryDefs};

/// `jlg_native.log_level`: `off|error|warn|info|debug`.
pub const LOG_LEVEL: &CStr = c"jlg_native.log_level";
/// `jlg_native.state_dir`: folder of the node-local SQLite store; empty = none.
pub const STATE_DIR: &CStr = c"jlg_native.state_dir";

static ENTRIES: IniEntryDefs<3> = IniEntryDefs::new([
    IniEntryDef::new(LOG_LEVEL, c"warn", IniEntryPermission::All),
    IniEntryDef::new(STATE_DIR, c"", IniEntryPermission::All),
    IniEntryDef::end(),
]);

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
