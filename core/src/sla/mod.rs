//! SLA windows.
