//! Compile-time contract of the generated server trait: a handler can only
//! answer a documented status (the response enum has no other variant),
//! and an implementation missing a handler does not compile, so neither
//! becomes a runtime `500`.
//!
//! The expected compiler output lives next to each case in `tests/ui/`;
//! after regenerating the crate or a compiler upgrade, refresh it with
//! `TRYBUILD=overwrite cargo test -p restdoc-specs --test compile_fail`
//! and review the diff.

#[test]
fn undocumented_status_and_missing_handler_do_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
