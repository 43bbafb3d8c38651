//! cargo-fuzz target `rst_reader` (nightly: `cargo fuzz run rst_reader --features libfuzzer`);
//! the stable loop runs the same [`restdoc_fuzz::run`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    restdoc_fuzz::run(restdoc_fuzz::Target::RstReader, data);
});
