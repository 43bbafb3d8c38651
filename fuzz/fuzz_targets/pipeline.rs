//! cargo-fuzz target `pipeline` (nightly: `cargo fuzz run pipeline --features libfuzzer`);
//! the stable loop runs the same [`restdoc_fuzz::run`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    restdoc_fuzz::run(restdoc_fuzz::Target::Pipeline, data);
});
