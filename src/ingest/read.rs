//! Text to records, keeping each record's line number.
//!
//! The delimiter (comma, tab, semicolon or pipe) is sniffed from the first
//! lines: the candidate that splits them into the most equal, widest rows
//! wins. When none splits the header, columns aligned with runs of spaces
//! (old reports, the CDNOW files) are recognised by their consistent word
//! count and read as if each run were one tab (`collapse_whitespace`). Quoted fields may hold delimiters, quotes and newlines (RFC 4180),
//! which is why line numbers are counted from each record's byte offset, not
//! from counting rows. (The CSV reader's own line number points at the blank
//! lines it skipped before a record, not at the record.) Rows whose cells
//! are all empty are counted as blank, not as data.

use super::IngestError;

const CANDIDATES: [u8; 4] = [b',', b'\t', b';', b'|'];

/// The sniffer's answer for columns separated by runs of spaces.
pub const WHITESPACE: u8 = b' ';

/// The delimiter, for reporting: `","`, `"\t"`, `";"` or `"|"`.
pub fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b'\t' => "\t",
        b';' => ";",
        b'|' => "|",
        WHITESPACE => " ",
        _ => ",",
    }
}

/// Picks the delimiter that splits the first lines most consistently.
pub fn sniff_delimiter(text: &str) -> u8 {
    let sample: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(50)
        .collect();
    let mut best = (b',', 0usize);
    for delimiter in CANDIDATES {
        let score = consistency_score(&sample, delimiter);
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    if best.1 == 0 && aligned_by_spaces(&sample) {
        return WHITESPACE;
    }
    best.0
}

/// Every sampled line splits into the header's number (at least 2) of
/// words: a table aligned with spaces, not free text.
fn aligned_by_spaces(lines: &[&str]) -> bool {
    let words = |line: &str| line.split_whitespace().count();
    let Some(header) = lines.first().map(|l| words(l)) else {
        return false;
    };
    header >= 2 && lines.len() >= 2 && lines.iter().all(|l| words(l) == header)
}

/// `text` with each line's runs of spaces and tabs turned into one tab and
/// the ends trimmed; line breaks are kept, so line numbers stay true.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let cut = rest.find(['\n', '\r']).unwrap_or(rest.len());
        for (i, word) in rest[..cut].split_whitespace().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            out.push_str(word);
        }
        // A lone `\r` is written as `\n`: a line of only spaces between a
        // lone `\r` and a `\n` collapses to nothing, and `\r\n` would then
        // read as one line break where the file has two.
        let (newline, skip) = match &rest[cut..] {
            "" => ("", 0),
            after if after.starts_with("\r\n") => ("\r\n", 2),
            _ => ("\n", 1),
        };
        out.push_str(newline);
        rest = &rest[cut + skip..];
    }
    out
}

/// Rows that have the most common field count (of at least 2), times that
/// count. The most common count rather than the first line's: a report's
/// title on line 1 is one field whatever the delimiter.
fn consistency_score(lines: &[&str], delimiter: u8) -> usize {
    let counts: Vec<usize> = lines
        .iter()
        .map(|line| fields_outside_quotes(line, delimiter))
        .collect();
    let mut tally: std::collections::BTreeMap<usize, usize> = Default::default();
    for &c in counts.iter().filter(|&&c| c >= 2) {
        *tally.entry(c).or_insert(0) += 1;
    }
    tally
        .into_iter()
        .map(|(fields, rows)| rows * fields)
        .max()
        .unwrap_or(0)
}

fn fields_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut in_quotes = false;
    let mut fields = 1;
    for &b in line.as_bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if b == delimiter && !in_quotes {
            fields += 1;
        }
    }
    fields
}

/// Rows of a table from any source: a header, then data records.
pub trait Rows {
    fn headers(&self) -> &[String];
    /// The next data record, or `None` at the end.
    fn next_record(&mut self) -> Result<Option<Record<'_>>, IngestError>;
    /// Rows whose cells were all empty: skipped, but counted.
    fn blank_rows(&self) -> u64;
    /// How far reading has come and how far it goes (bytes, or sheet rows).
    fn position(&self) -> (u64, u64);
    /// Goes back to the first data record (after one pass to inspect a column).
    fn rewind(&mut self) -> Result<(), IngestError>;
    /// Starts again with the header `skip` non-blank rows further down:
    /// the rows above it are a report's title, not data.
    fn start_at(&mut self, skip: usize) -> Result<(), IngestError>;
    /// The line of the header row.
    fn header_line(&self) -> u64;
    /// Whether the decoder replaced bytes it could not read with U+FFFD
    /// (see `decode::Decoded::lossy`).
    fn lossy(&self) -> bool {
        false
    }
}

/// A header row and a stream of data records with their line numbers.
pub struct Records<'a> {
    source: &'a str,
    /// Line breaks in `source[..counted_to]` plus one: the line at `counted_to`.
    counted_to: usize,
    line_at: u64,
    pub headers: Vec<String>,
    pub header_line: u64,
    pub delimiter: u8,
    /// Non-blank rows above the header.
    skip: usize,
    reader: csv::Reader<&'a [u8]>,
    record: csv::StringRecord,
    /// Rows whose cells were all empty: skipped, but counted.
    pub blank_rows: u64,
    /// The text has U+FFFD where the decoder met bad bytes.
    pub lossy: bool,
}

/// One data record: its 1-based starting line and its cells.
pub struct Record<'r> {
    pub line: u64,
    pub cells: &'r csv::StringRecord,
}

impl<'a> Records<'a> {
    /// Opens `text`, reading the first non-blank row as the header.
    pub fn open(text: &'a str, delimiter: u8) -> Result<Records<'a>, IngestError> {
        Records::open_at(text, delimiter, 0)
    }

    /// Opens `text` with the header `skip` non-blank rows down.
    pub fn open_at(text: &'a str, delimiter: u8, skip: usize) -> Result<Records<'a>, IngestError> {
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = Records {
            source: text,
            counted_to: 0,
            line_at: 1,
            headers: Vec::new(),
            header_line: 0,
            delimiter,
            skip,
            reader,
            record: csv::StringRecord::new(),
            blank_rows: 0,
            lossy: false,
        };
        for _ in 0..skip {
            records.next_row()?;
        }
        match records.next_row()? {
            Some(line) => {
                records.header_line = line;
                records.headers = records.record.iter().map(clean_header).collect();
                Ok(records)
            }
            None => Err(IngestError::Empty),
        }
    }

    /// Advances to the next non-blank row and returns its line number.
    fn next_row(&mut self) -> Result<Option<u64>, IngestError> {
        loop {
            let more = self
                .reader
                .read_record(&mut self.record)
                .map_err(|e| malformed(&e))?;
            if !more {
                return Ok(None);
            }
            let start = self.record.position().map_or(0, |p| p.byte() as usize);
            let line = self.line_of(start);
            if self.record.iter().all(|cell| cell.trim().is_empty()) {
                self.blank_rows += 1;
                continue;
            }
            // Past Excel's width a row is not a table's (a 50 MB header of
            // 25 million columns once took minutes and gigabytes).
            if self.record.len() as u64 > super::budget::COLUMNS {
                return Err(IngestError::TooManyColumns {
                    line,
                    columns: self.record.len() as u64,
                    limit: super::budget::COLUMNS,
                });
            }
            return Ok(Some(line));
        }
    }
}

impl Rows for Records<'_> {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn next_record(&mut self) -> Result<Option<Record<'_>>, IngestError> {
        Ok(self.next_row()?.map(|line| Record {
            line,
            cells: &self.record,
        }))
    }

    fn blank_rows(&self) -> u64 {
        self.blank_rows
    }

    /// Bytes of the text read so far, and of the whole text.
    fn position(&self) -> (u64, u64) {
        (self.reader.position().byte(), self.source.len() as u64)
    }

    fn rewind(&mut self) -> Result<(), IngestError> {
        let lossy = self.lossy;
        *self = Records::open_at(self.source, self.delimiter, self.skip)?;
        self.lossy = lossy;
        Ok(())
    }

    fn start_at(&mut self, skip: usize) -> Result<(), IngestError> {
        let lossy = self.lossy;
        *self = Records::open_at(self.source, self.delimiter, skip)?;
        self.lossy = lossy;
        Ok(())
    }

    fn lossy(&self) -> bool {
        self.lossy
    }

    fn header_line(&self) -> u64 {
        self.header_line
    }
}

impl Records<'_> {
    /// The editor line of the first character of a record starting at byte
    /// `start`, after any line breaks the reader skipped. Records come in
    /// order, so counting goes on from the previous record: linear overall.
    fn line_of(&mut self, start: usize) -> u64 {
        let text = self.source.as_bytes();
        let mut start = start.min(text.len());
        while start < text.len() && matches!(text[start], b'\n' | b'\r') {
            start += 1;
        }
        if start < self.counted_to {
            return self.line_at;
        }
        let newlines = line_breaks(&text[self.counted_to..start], text.get(start).copied());
        self.line_at += newlines as u64;
        self.counted_to = start;
        self.line_at
    }
}

/// Line breaks in `bytes`, as an editor counts them: `\n`, `\r\n`, and a
/// lone `\r` (old Mac files). `after` is the byte that follows `bytes`.
fn line_breaks(bytes: &[u8], after: Option<u8>) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| {
            b == b'\n' || (b == b'\r' && bytes.get(i + 1).copied().or(after) != Some(b'\n'))
        })
        .count()
}

fn malformed(error: &csv::Error) -> IngestError {
    let line = error.position().map_or(0, |p| p.line());
    IngestError::Malformed {
        line,
        reason: error.to_string(),
    }
}

/// Headers lose surrounding whitespace and a stray BOM, nothing else.
fn clean_header(raw: &str) -> String {
    raw.trim_start_matches('\u{feff}').trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows as (line, cells).
    type Lines = Vec<(u64, Vec<String>)>;

    fn collect(text: &str) -> (Vec<String>, Lines, u64) {
        let mut records = Records::open(text, sniff_delimiter(text)).unwrap();
        let mut rows = Vec::new();
        while let Some(r) = records.next_record().unwrap() {
            rows.push((r.line, r.cells.iter().map(String::from).collect()));
        }
        (records.headers.clone(), rows, records.blank_rows)
    }

    #[test]
    fn sniffs_each_delimiter() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2,5\t3\n"), b'\t');
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(sniff_delimiter("a|b\n1|2\n"), b'|');
    }

    #[test]
    fn columns_aligned_with_spaces_are_read_as_columns() {
        let text = " customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n\r\n 00002 19970112  5   77.00\r\n";
        assert_eq!(sniff_delimiter(text), WHITESPACE);
        let collapsed = collapse_whitespace(text);
        let (headers, rows, _) = collect(&collapsed);
        assert_eq!(
            headers,
            ["customer_id", "date", "number_of_cds", "dollar_value"]
        );
        assert_eq!(
            rows[1],
            (
                4,
                vec![
                    "00002".into(),
                    "19970112".into(),
                    "5".into(),
                    "77.00".into()
                ]
            )
        );
        assert_eq!(
            sniff_delimiter("a note\nwith several words\n"),
            b',',
            "free text is not a table"
        );
        assert_eq!(sniff_delimiter("id\n1\n"), b',');
    }

    #[test]
    fn quoted_commas_do_not_fool_the_sniffer() {
        let text = "name;amount\n\"Smith, John\";10\n\"Lee, Ann\";20\n";
        assert_eq!(sniff_delimiter(text), b';');
    }

    #[test]
    fn line_numbers_follow_the_editor_across_quoted_newlines() {
        let text = "id,note,amount\n1,\"two\nlines\",5\n\n2,plain,6\n";
        let (headers, rows, blank) = collect(text);
        assert_eq!(headers, ["id", "note", "amount"]);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[0].1[1], "two\nlines");
        assert_eq!(rows[1].0, 5);
        assert_eq!(blank, 0, "the csv reader skips truly empty lines itself");
    }

    #[test]
    fn line_numbers_in_files_with_only_carriage_returns() {
        let (_, rows, _) = collect("id,amount\rA,1\rB,2\r\rC,3\r");
        let lines: Vec<u64> = rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [2, 3, 5]);
    }

    #[test]
    fn line_numbers_after_many_blank_lines_and_crlf() {
        let (_, rows, _) = collect("id,amount\r\n\r\n\r\nA,1\r\nB,2\n\nC,3");
        let lines: Vec<u64> = rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [4, 5, 7]);
    }

    #[test]
    fn rows_of_empty_cells_are_counted_as_blank() {
        let (_, rows, blank) = collect("id,amount\n1,5\n,\n , \n2,6\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(blank, 2);
    }

    #[test]
    fn header_whitespace_is_trimmed() {
        let (headers, _, _) = collect(" 客户编号 , 金额\nA,1\n");
        assert_eq!(headers, ["客户编号", "金额"]);
    }
}
