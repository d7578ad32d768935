//! The `workbook` target: any bytes as an xlsx, xlsb, ods or xls
//! (`checks::workbook`, which tests/robustness.rs also runs over the
//! committed corpus). calamine panics on some damaged files; `sheet.rs`
//! catches that, which is what this target holds to: a panic that gets
//! past the guard aborts. libFuzzer's own hook would abort on every panic,
//! caught or not, so it is replaced by one that says nothing.
#![no_main]

#[path = "../checks.rs"]
mod checks;
#[path = "../finite.rs"]
mod finite;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    if std::panic::catch_unwind(|| checks::workbook(data)).is_err() {
        std::process::abort();
    }
});
