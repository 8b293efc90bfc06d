//! The exception classes of `JLG\Native` and the one mapping from core errors.
//!
//! The classes are registered by hand in module startup rather than with
//! `#[php_class]`: a class built that way keeps the engine's default exception
//! object, so a throw from Rust records the PHP caller's file, line and trace,
//! and PHP code can construct and extend the classes like any other.

use std::ffi::{c_char, CString};
use std::panic::AssertUnwindSafe;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};

use ext_php_rs::builders::{ClassBuilder, FunctionBuilder};
use ext_php_rs::exception::{PhpException, PhpResult};
use ext_php_rs::ffi::{zend_class_entry, zend_object, zend_read_property, zval};
use ext_php_rs::flags::{DataType, MethodFlags};
use ext_php_rs::args::Arg;
use ext_php_rs::types::{ZendObject, Zval};
use ext_php_rs::zend::{ce, run_handler, ClassEntry, ExecuteData};
use jlg_native_core::{Classify, ErrorClass};

const ZEND_ACC_PROTECTED: i32 = 1 << 1;

extern "C" {
    fn zend_update_property(
        scope: *mut zend_class_entry,
        object: *mut zend_object,
        name: *const c_char,
        name_length: usize,
        value: *mut zval,
    );
    fn zend_declare_property_null(
        ce: *mut zend_class_entry,
        name: *const c_char,
        name_length: usize,
        access_type: i32,
    );
}

/// A registered exception class, filled in during module startup.
struct Slot(AtomicPtr<ClassEntry>);

impl Slot {
    const fn empty() -> Self {
        Self(AtomicPtr::new(ptr::null_mut()))
    }
    fn set(&self, ce: &'static mut ClassEntry) {
        self.0.store(ce, Ordering::Release);
    }
    fn get(&self) -> &'static ClassEntry {
        let p = self.0.load(Ordering::Acquire);
        // SAFETY: set once in MINIT to a class entry the engine keeps for the process.
        unsafe { p.as_ref() }.expect("JLG\\Native exception classes are registered in MINIT")
    }
}

static INVALID_INPUT: Slot = Slot::empty();
static NATIVE: Slot = Slot::empty();
static CRON_SYNTAX: Slot = Slot::empty();
static DECRYPTION: Slot = Slot::empty();

/// `JLG\Native\InvalidInputException`.
pub fn invalid_input_ce() -> &'static ClassEntry {
    INVALID_INPUT.get()
}
/// `JLG\Native\NativeException`.
pub fn native_ce() -> &'static ClassEntry {
    NATIVE.get()
}

/// Finds a class that is already in the engine's class table. During module
/// startup `ClassEntry::try_find` cannot see it, but the compiler globals can.
fn find_loaded_class(lowercase_name: &str) -> Option<&'static ClassEntry> {
    // SAFETY: non-thread-safe PHP (Debian's) keeps the compiler globals in one
    // static; the class table lives for the whole process.
    let table = unsafe { (*ptr::addr_of!(ext_php_rs::ffi::compiler_globals)).class_table.as_ref() }?;
    let entry = table.get(lowercase_name)?;
    // SAFETY: class-table values are IS_PTR zvals holding a zend_class_entry.
    unsafe { entry.ptr::<ClassEntry>().and_then(|p| p.as_ref()) }
}

fn spl_invalid_argument() -> &'static ClassEntry {
    find_loaded_class("invalidargumentexception").unwrap_or_else(ce::exception)
}
fn spl_runtime() -> &'static ClassEntry {
    find_loaded_class("runtimeexception").unwrap_or_else(ce::exception)
}

fn declare_null_property(ce: &mut ClassEntry, name: &str) {
    let c = CString::new(name).expect("property names have no NUL");
    // SAFETY: called during registration with a class entry being built.
    unsafe { zend_declare_property_null(ce, c.as_ptr(), name.len(), ZEND_ACC_PROTECTED) };
}

/// Registers every exception class. Called once from module startup.
pub fn register() -> ext_php_rs::error::Result<()> {
    ClassBuilder::new("JLG\\Native\\InvalidInputException")
        .extends((spl_invalid_argument, "InvalidArgumentException"))
        .method(constructor(), MethodFlags::Public)
        .method(getter("getField", "field", DataType::String), MethodFlags::Public)
        .method(getter("getPosition", "position", DataType::Long), MethodFlags::Public)
        .registration(|ce, _| {
            declare_null_property(ce, "field");
            declare_null_property(ce, "position");
            INVALID_INPUT.set(ce);
        })
        .register()?;
    ClassBuilder::new("JLG\\Native\\NativeException")
        .extends((spl_runtime, "RuntimeException"))
        .registration(|ce, _| NATIVE.set(ce))
        .register()?;
    ClassBuilder::new("JLG\\Native\\CronSyntaxException")
        .extends((invalid_input_ce, "JLG\\Native\\InvalidInputException"))
        .registration(|ce, _| CRON_SYNTAX.set(ce))
        .register()?;
    ClassBuilder::new("JLG\\Native\\DecryptionException")
        .extends((native_ce, "JLG\\Native\\NativeException"))
        .method(getter("getReason", "reason", DataType::String), MethodFlags::Public)
        .registration(|ce, _| {
            declare_null_property(ce, "reason");
            DECRYPTION.set(ce);
        })
        .register()?;
    Ok(())
}

fn update(scope: &ClassEntry, object: &mut ZendObject, name: &str, mut value: Zval) {
    let c = CString::new(name).expect("property names have no NUL");
    // SAFETY: `object` is a live exception object, `scope` a class that can see the property.
    unsafe {
        zend_update_property(
            ptr::from_ref(scope).cast_mut(),
            ptr::from_mut(object),
            c.as_ptr(),
            name.len(),
            ptr::from_mut(&mut value),
        );
    }
}

fn string_zval(s: &str) -> Zval {
    let mut z = Zval::new();
    z.set_string(s, false).expect("a Rust string converts to a PHP string");
    z
}

fn long_zval(n: i64) -> Zval {
    let mut z = Zval::new();
    z.set_long(n);
    z
}

/// Extra properties an exception can carry besides message and code.
#[derive(Default)]
pub struct Details {
    pub field: Option<String>,
    pub position: Option<usize>,
    pub reason: Option<&'static str>,
}

/// Builds an exception object of class `class`. The object is created while the
/// PHP caller is the current user frame, so its file, line and trace are the caller's.
pub fn build(class: &'static ClassEntry, message: &str, details: Details) -> PhpException {
    let mut object = ZendObject::new(class);
    let exception = ce::exception();
    update(exception, &mut object, "message", string_zval(message));
    if let Some(field) = &details.field {
        update(invalid_input_ce(), &mut object, "field", string_zval(field));
    }
    if let Some(position) = details.position {
        update(invalid_input_ce(), &mut object, "position", long_zval(position as i64));
    }
    if let Some(reason) = details.reason {
        update(DECRYPTION.get(), &mut object, "reason", string_zval(reason));
    }
    let mut zv = Zval::new();
    ext_php_rs::convert::IntoZval::set_zval(object, &mut zv, false)
        .expect("an object converts to a zval");
    PhpException::new(message.to_owned(), 0, class).with_object(zv)
}

/// The one mapping from a core error to a PHP exception.
pub fn from_core<E: Classify + ?Sized>(err: &E) -> PhpException {
    let message = err.to_string();
    let (class, reason) = match err.class() {
        ErrorClass::InvalidInput => (INVALID_INPUT.get(), None),
        ErrorClass::CronSyntax => (CRON_SYNTAX.get(), None),
        ErrorClass::Decryption(reason) => (DECRYPTION.get(), Some(reason)),
        _ => (NATIVE.get(), None),
    };
    build(class, &message, Details { field: err.field(), position: err.position(), reason })
}

/// An `InvalidInputException` about one argument or key.
pub fn invalid_input(field: &str, message: impl Into<String>) -> PhpException {
    let message = message.into();
    build(INVALID_INPUT.get(), &message, Details { field: Some(field.to_owned()), ..Details::default() })
}

/// A `NativeException` for a failure that is not the caller's fault.
pub fn native(message: impl Into<String>) -> PhpException {
    build(NATIVE.get(), &message.into(), Details::default())
}

/// Converts a core `Result` into a PHP one through [`from_core`].
pub trait OrThrow<T> {
    fn or_throw(self) -> PhpResult<T>;
}

impl<T, E: Classify> OrThrow<T> for Result<T, E> {
    fn or_throw(self) -> PhpResult<T> {
        self.map_err(|e| from_core(&e))
    }
}

// ---- hand-written methods of the exception classes ----

fn throw_type_error(message: &str) {
    PhpException::new(message.to_owned(), 0, ce::type_error()).throw();
}

/// `__construct(string $message = "", int $code = 0, ?Throwable $previous = null,
/// ?string $field = null, ?int $position = null)`.
fn constructor() -> FunctionBuilder<'static> {
    FunctionBuilder::constructor(construct_handler)
        .not_required()
        .arg(Arg::new("message", DataType::String).default("\"\""))
        .arg(Arg::new("code", DataType::Long).default("0"))
        .arg(Arg::new("previous", DataType::object("Throwable")).allow_null().default("null"))
        .arg(Arg::new("field", DataType::String).allow_null().default("null"))
        .arg(Arg::new("position", DataType::Long).allow_null().default("null"))
}

extern "C" fn construct_handler(ex: &mut ExecuteData, _retval: &mut Zval) {
    run_handler(AssertUnwindSafe(|| {
        let mut message = Arg::new("message", DataType::String);
        let mut code = Arg::new("code", DataType::Long);
        let mut previous = Arg::new("previous", DataType::object("Throwable"));
        let mut field = Arg::new("field", DataType::String);
        let mut position = Arg::new("position", DataType::Long);
        let (parser, this) = ex.parser_object();
        let parsed = parser
            .not_required()
            .arg(&mut message)
            .arg(&mut code)
            .arg(&mut previous)
            .arg(&mut field)
            .arg(&mut position)
            .parse();
        let Some(this) = this else { return };
        if parsed.is_err() {
            return;
        }
        let exception = ce::exception();
        let class = invalid_input_ce();

        if let Some(z) = message.zval() {
            let Some(s) = z.dereference().str() else {
                return throw_type_error("InvalidInputException::__construct(): Argument #1 ($message) must be of type string");
            };
            update(exception, this, "message", string_zval(s));
        }
        if let Some(z) = code.zval() {
            let Some(n) = z.dereference().long() else {
                return throw_type_error("InvalidInputException::__construct(): Argument #2 ($code) must be of type int");
            };
            update(exception, this, "code", long_zval(n));
        }
        if let Some(z) = previous.zval() {
            let z = z.dereference();
            if !z.is_null() {
                let ok = z.object().is_some_and(|o| o.instance_of(ce::throwable()));
                if !ok {
                    return throw_type_error("InvalidInputException::__construct(): Argument #3 ($previous) must be of type ?Throwable");
                }
                update(exception, this, "previous", z.shallow_clone());
            }
        }
        if let Some(z) = field.zval() {
            let z = z.dereference();
            if !z.is_null() {
                let Some(s) = z.str() else {
                    return throw_type_error("InvalidInputException::__construct(): Argument #4 ($field) must be of type ?string");
                };
                update(class, this, "field", string_zval(s));
            }
        }
        if let Some(z) = position.zval() {
            let z = z.dereference();
            if !z.is_null() {
                let Some(n) = z.long() else {
                    return throw_type_error("InvalidInputException::__construct(): Argument #5 ($position) must be of type ?int");
                };
                update(class, this, "position", long_zval(n));
            }
        }
    }));
}

/// A getter returning a protected property of the exception, or null.
fn getter(method: &'static str, property: &'static str, ty: DataType) -> FunctionBuilder<'static> {
    let handler: extern "C" fn(&mut ExecuteData, &mut Zval) = match property {
        "field" => read_field,
        "position" => read_position,
        _ => read_reason,
    };
    FunctionBuilder::new(method, handler).returns(ty, false, true)
}

fn read_property_into(ex: &mut ExecuteData, retval: &mut Zval, scope: &ClassEntry, name: &str) {
    let Some(this) = ex.get_self() else { return };
    let c = CString::new(name).expect("property names have no NUL");
    let mut rv = Zval::new();
    // SAFETY: `this` is the live exception object the method was called on.
    let value = unsafe {
        zend_read_property(
            ptr::from_ref(scope).cast_mut(),
            ptr::from_mut(this),
            c.as_ptr(),
            name.len(),
            true,
            ptr::from_mut(&mut rv),
        )
        .as_ref()
    };
    match value {
        Some(v) => *retval = v.dereference().shallow_clone(),
        None => retval.set_null(),
    }
}

extern "C" fn read_field(ex: &mut ExecuteData, retval: &mut Zval) {
    run_handler(AssertUnwindSafe(|| read_property_into(ex, retval, invalid_input_ce(), "field")));
}
extern "C" fn read_position(ex: &mut ExecuteData, retval: &mut Zval) {
    run_handler(AssertUnwindSafe(|| read_property_into(ex, retval, invalid_input_ce(), "position")));
}
extern "C" fn read_reason(ex: &mut ExecuteData, retval: &mut Zval) {
    run_handler(AssertUnwindSafe(|| read_property_into(ex, retval, DECRYPTION.get(), "reason")));
}
