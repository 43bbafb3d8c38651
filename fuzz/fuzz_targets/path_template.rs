//! cargo-fuzz target `path_template` (nightly: `cargo fuzz run path_template --features libfuzzer`);
//! the stable loop runs the same [`restdoc_fuzz::run`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    restdoc_fuzz::run(restdoc_fuzz::Target::PathTemplate, data);
});
