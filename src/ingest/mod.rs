//! From a file's bytes to a compact transaction `Table`.
//!
//! Each step is a module that knows only the step before it:
//! `decode` (bytes to UTF-8 text), `read` (text to records with line
//! numbers), `map` (headers to roles), `values` (cells to days and amounts)
//! and `table` (the columnar store plus every rejected row).
//!
//! Row-level problems are data (`Rejection`s); only a file that cannot be
//! used at all is an `IngestError`.

pub mod category;
pub mod decode;
pub mod error;
pub mod map;
pub mod read;
pub mod sheet;
pub mod table;
pub mod values;

pub use category::Category;
pub use error::IngestError;
pub use map::{ColumnMap, Role, Shape};
pub use table::{Rejection, Table};
