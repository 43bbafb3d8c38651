//! restdoc: read REST API documentation written in reStructuredText into one
//! endpoint model, check it, and generate Rust code from it.
//!
//! Data flows one way: text → [`rst`] tree → [`dialect`] → [`model`] →
//! lint → codegen. See ARCHITECTURE.md.

pub mod alloc;
pub mod builder;
pub mod codegen;
pub mod corpus;
pub mod diag;
pub mod dialect;
pub mod lint;
pub mod model;
pub mod openapi;
/// The RST reader (the `restdoc-rst` crate): text in, document tree out.
pub use restdoc_rst as rst;
pub mod settings;
pub mod source;

pub use builder::Builder;
pub use diag::{Diagnostic, Severity};
pub use model::Api;
pub use source::{read_api, ReadOutput};
