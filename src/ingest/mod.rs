//! From a file's bytes to a compact transaction `Table`.
//!
//! Each step is a module that knows only the step before it:
//! `decode` (bytes to UTF-8 text), `read` (text to records with line
//! numbers), `inspect` (where the header is, which column is which, how
//! dates and numbers are written: `layout`, `map`, `status`, `values`),
//! and `table` (the columnar store plus every rejected row). Every choice
//! made on weak evidence is a `decision`.
//!
//! Row-level problems are data (`Rejection`s); only a file that cannot be
//! used at all is an `IngestError`.

pub mod budget;
pub mod category;
pub mod decision;
pub mod decode;
pub mod error;
pub mod id_index;
pub mod inspect;
pub mod layout;
pub mod map;
pub mod read;
pub mod report;
pub mod sheet;
pub mod status;
pub mod table;
pub mod values;

pub use category::Category;
pub use error::IngestError;
pub use map::{ColumnMap, Role, Shape};
pub use report::InputReport;
pub use table::{Rejection, Table};

/// The largest file the page reads: 250 MB, about five million purchase
/// rows. A tab holds the file, its table and every customer's analysis at
/// once, and wasm memory ends at 4 GiB; past this a tab could run out of
/// memory and crash. The CLI reads any size.
pub const PAGE_FILE_LIMIT: u64 = 250_000_000;

/// Refuses a file too large for the page, before a byte is read.
pub fn check_page_size(bytes: u64) -> Result<(), IngestError> {
    if bytes > PAGE_FILE_LIMIT {
        return Err(IngestError::TooLarge {
            bytes,
            limit: PAGE_FILE_LIMIT,
        });
    }
    Ok(())
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn a_file_past_the_limit_is_refused_with_both_sizes() {
        assert!(check_page_size(PAGE_FILE_LIMIT).is_ok());
        let error = check_page_size(PAGE_FILE_LIMIT + 1).unwrap_err();
        let text = error.to_string();
        assert!(
            text.contains("250.0 MB") && text.contains("up to 250 MB"),
            "{text}"
        );
        assert!(text.contains("one row per customer"), "{text}");
    }
}
