//! Arguments shared by the HTTP classes: the StateStore and TokenVault objects
//! passed inside an options array, and the transport built from the options.

use std::sync::Arc;

use ext_php_rs::exception::PhpResult;
use ext_php_rs::types::{ZendClassObject, Zval};
use jlg_native_core::http::{NetOptions, UreqTransport};
use jlg_native_core::store;
use jlg_native_core::vault::Vault;

use crate::exceptions::{invalid_input, OrThrow};
use crate::state_store::StateStore;
use crate::token_vault::TokenVault;

/// `options.state_store`: a StateStore or null; a new connection to its file.
pub fn store_option(value: &Zval) -> PhpResult<Option<store::StateStore>> {
    if value.is_null() {
        return Ok(None);
    }
    let store = value
        .object()
        .and_then(ZendClassObject::<StateStore>::from_zend_obj)
        .ok_or_else(|| invalid_input("options.state_store", "options.state_store: expected a JLG\\Native\\StateStore or null"))?;
    Ok(Some(store.inner.reopen().or_throw()?))
}

/// `options.vault`: a TokenVault or null; shares its keys (nothing is copied).
pub fn vault_option(value: &Zval) -> PhpResult<Option<Arc<Vault>>> {
    if value.is_null() {
        return Ok(None);
    }
    let vault = value
        .object()
        .and_then(ZendClassObject::<TokenVault>::from_zend_obj)
        .ok_or_else(|| invalid_input("options.vault", "options.vault: expected a JLG\\Native\\TokenVault or null"))?;
    Ok(Some(Arc::clone(&vault.inner)))
}

/// The ureq transport for these limits, with the proxy from the environment.
pub fn transport(net: NetOptions) -> PhpResult<UreqTransport> {
    UreqTransport::new(net, crate::args::proxy_settings()).map_err(|e| e.within("options")).or_throw()
}
