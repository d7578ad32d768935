//! The bounded first pass over an old `.xls` (BIFF in an OLE compound
//! file), walking exactly what calamine walks at open before it does.
//!
//! calamine's compound-file reader follows sector chains without looking
//! for cycles, reads any sector number it is handed (growing its buffer to
//! that offset) and reserves what the file's size fields claim; its BIFF
//! reader reserves a sheet's DIMENSIONS and builds every sheet's range
//! dense, from the cells' bounding box. A few kilobytes could loop forever
//! or ask for terabytes, which on allocation failure aborts the process,
//! where no `catch_unwind` helps. So, before calamine sees the file:
//!
//! - every chain it follows (DIFAT, directory, mini-FAT, the mini stream,
//!   the workbook stream) must stay inside the file, end, and not loop; no
//!   length it reserves by may exceed the file;
//! - the workbook stream's records are walked as calamine walks them: each
//!   sheet's DIMENSIONS, and the bounding box of its cells and of its
//!   formulas, count against `CELLS` in all; sheets may not overlap (one
//!   stream scanned once per sheet pointing into it would take quadratic
//!   time); the shared-string count is held to `STRINGS`;
//! - a VBA project is hidden from calamine (its directory entry renamed in
//!   a copy): calamine would decompress every macro module at open, a ratio
//!   of hundreds to one, for nothing Tierlens reads.
//!
//! The structure follows [MS-CFB] 2.2-2.6 and [MS-XLS] 2.1.4 and 2.4; the
//! walks mirror calamine 0.31's `cfb.rs` and `xls.rs` (`Cfb::new`,
//! `get_chain`, `RecordIter`, `parse_workbook`).

use super::{too_big, Over, CELLS, STRINGS};
use crate::ingest::IngestError;

const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
/// calamine reads a stream shorter than this from the mini stream.
const MINI_CUTOFF: usize = 4096;
const MINI_SECTOR: usize = 64;
const VBA: &str = "_VBA_PROJECT_CUR";

fn damaged(what: impl std::fmt::Display) -> IngestError {
    IngestError::Workbook(format!("the .xls file's structure is damaged: {what}"))
}

/// Checks an `.xls` before calamine opens it. Returns a copy to open
/// instead when a VBA project had to be hidden.
pub fn check(bytes: &[u8]) -> Result<Option<Vec<u8>>, IngestError> {
    let file = Compound::read(bytes)?;
    // calamine falls back to a BIFF5 "Book" stream when there is no (good)
    // "Workbook" stream; the first failure is the one worth telling.
    let stream = file
        .stream("Workbook")
        .or_else(|first| file.stream("Book").map_err(|_| first))?;
    check_biff(&stream)?;
    Ok(file.without_vba())
}

/// One 512- or 4096-byte sector size, and the directory's entries.
struct Compound<'a> {
    bytes: &'a [u8],
    size: usize,
    /// Sectors after the header, a short last one included (calamine reads
    /// one to the end of the file).
    sectors: u32,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    /// (name, start sector, length, offset of the entry in the file).
    entries: Vec<(String, u32, usize, Option<usize>)>,
}

fn u16_at(b: &[u8], at: usize) -> u32 {
    u16::from_le_bytes([b[at], b[at + 1]]) as u32
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn words(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4).map(|w| u32_at(w, 0))
}

impl<'a> Compound<'a> {
    fn read(bytes: &'a [u8]) -> Result<Self, IngestError> {
        if bytes.len() < 512 {
            return Err(damaged("it is shorter than one sector"));
        }
        let size = match u16_at(bytes, 30) {
            9 => 512,
            12 => 4096,
            _ => return Err(damaged("the sector size is neither 512 nor 4096 bytes")),
        };
        if bytes.len() < size {
            return Err(damaged("it is shorter than its header"));
        }
        let sectors = u32::try_from((bytes.len() - size).div_ceil(size))
            .map_err(|_| damaged("it has more sectors than a compound file can number"))?;
        let mut file = Compound {
            bytes,
            size,
            sectors,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            entries: Vec::new(),
        };
        for (what, count) in [
            ("directory sectors", u32_at(bytes, 40)),
            ("FAT sectors", u32_at(bytes, 44)),
            ("mini-FAT sectors", u32_at(bytes, 64)),
            ("DIFAT sectors", u32_at(bytes, 72)),
        ] {
            if count > sectors {
                return Err(damaged(format!(
                    "it claims {count} {what} in a file of {sectors} sectors"
                )));
            }
        }
        file.fat = file.read_fat()?;
        file.read_directory()?;
        file.read_mini()?;
        Ok(file)
    }

    /// Sector `id` as calamine reads it: whole, or up to the end of the file.
    fn sector(&self, id: u32) -> Result<&'a [u8], IngestError> {
        if id >= self.sectors {
            return Err(damaged(format!(
                "sector {id} is past the end of the file ({} sectors)",
                self.sectors
            )));
        }
        let start = (id as usize + 1) * self.size;
        Ok(&self.bytes[start..(start + self.size).min(self.bytes.len())])
    }

    /// The FAT, from the header's 109 DIFAT entries and the DIFAT chain.
    fn read_fat(&self) -> Result<Vec<u32>, IngestError> {
        let mut difat: Vec<u32> = words(&self.bytes[76..512]).collect();
        let mut next = u32_at(self.bytes, 68);
        let mut seen = Visited::new(self.sectors);
        while next < RESERVED {
            seen.visit(next, "DIFAT")?;
            difat.extend(words(self.sector(next)?));
            next = difat.pop().unwrap_or(ENDOFCHAIN);
        }
        let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
        if fat_sectors.len() > self.sectors as usize {
            return Err(damaged("it lists more FAT sectors than the file has"));
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * self.size / 4);
        for id in fat_sectors {
            fat.extend(words(self.sector(id)?));
        }
        Ok(fat)
    }

    /// Follows a chain in `table` from `start`, reading each sector with
    /// `read`: it must end, not loop, and stay inside the table.
    fn chain(
        &self,
        start: u32,
        table: &[u32],
        what: &str,
        mut read: impl FnMut(u32) -> Result<(), IngestError>,
    ) -> Result<(), IngestError> {
        let mut seen = Visited::new(table.len().min(u32::MAX as usize) as u32);
        let mut id = start;
        while id != ENDOFCHAIN {
            seen.visit(id, what)?;
            read(id)?;
            id = table[id as usize];
        }
        Ok(())
    }

    /// A chain of whole sectors through the FAT, truncated to `len` as
    /// calamine does; `len` may not exceed the file (calamine reserves it).
    fn fat_chain(&self, start: u32, len: usize, what: &str) -> Result<Vec<u8>, IngestError> {
        if len > self.bytes.len() {
            return Err(damaged(format!(
                "its {what} claims {len} bytes in a file of {}",
                self.bytes.len()
            )));
        }
        let mut out = Vec::with_capacity(len);
        self.chain(start, &self.fat, what, |id| {
            out.extend_from_slice(self.sector(id)?);
            Ok(())
        })?;
        if len > 0 {
            out.truncate(len);
        }
        Ok(out)
    }

    fn read_directory(&mut self) -> Result<(), IngestError> {
        let len = u32_at(self.bytes, 40) as usize * self.size;
        let mut offsets = Vec::new();
        self.chain(u32_at(self.bytes, 48), &self.fat, "directory", |id| {
            let start = (id as usize + 1) * self.size;
            let end = (start + self.size).min(self.bytes.len());
            offsets.extend((start..end).step_by(128).filter(|at| at + 128 <= end));
            Ok(())
        })?;
        let directory = self.fat_chain(u32_at(self.bytes, 48), len, "directory")?;
        for (i, entry) in directory.chunks(128).enumerate() {
            self.entries
                .push(self.entry(entry, offsets.get(i).copied())?);
        }
        if self.entries.is_empty() {
            return Err(damaged("its directory is empty"));
        }
        Ok(())
    }

    fn entry(
        &self,
        entry: &[u8],
        offset: Option<usize>,
    ) -> Result<(String, u32, usize, Option<usize>), IngestError> {
        if entry.len() < 128 {
            return Err(damaged("a directory entry is cut short"));
        }
        let mut name = encoding_rs::UTF_16LE.decode(&entry[..64]).0.into_owned();
        if let Some(nul) = name.find('\0') {
            name.truncate(nul);
        }
        let len = if self.size == 512 {
            u32_at(entry, 120) as u64
        } else {
            u64::from(u32_at(entry, 120)) | u64::from(u32_at(entry, 124)) << 32
        };
        let len =
            usize::try_from(len).map_err(|_| damaged("a stream claims more bytes than fit"))?;
        Ok((name, u32_at(entry, 116), len, offset))
    }

    /// The mini FAT and the mini stream (the root entry's stream).
    fn read_mini(&mut self) -> Result<(), IngestError> {
        let mini_fat_len = u32_at(self.bytes, 64) as usize;
        if mini_fat_len == 0 {
            return Ok(());
        }
        let (_, root_start, root_len, _) = self.entries[0].clone();
        self.mini_stream = self.fat_chain(root_start, root_len, "mini stream")?;
        let mini_fat =
            self.fat_chain(u32_at(self.bytes, 60), mini_fat_len * self.size, "mini FAT")?;
        self.mini_fat = words(&mini_fat).collect();
        Ok(())
    }

    /// The stream named `name` (the first entry of that name), read as
    /// calamine reads it.
    fn stream(&self, name: &str) -> Result<Vec<u8>, IngestError> {
        let (_, start, len, _) = self
            .entries
            .iter()
            .find(|e| e.0 == name)
            .ok_or_else(|| damaged(format!("it has no {name} stream")))?;
        if *len >= MINI_CUTOFF {
            return self.fat_chain(*start, *len, name);
        }
        let mut out = Vec::with_capacity(*len);
        self.chain(*start, &self.mini_fat, name, |id| {
            let at = id as usize * MINI_SECTOR;
            let sector = self
                .mini_stream
                .get(at..at + MINI_SECTOR)
                .ok_or_else(|| damaged(format!("its {name} stream leaves the mini stream")))?;
            out.extend_from_slice(sector);
            Ok(())
        })?;
        out.truncate(*len);
        Ok(out)
    }

    /// A copy with every VBA project entry renamed, if there is one.
    fn without_vba(&self) -> Option<Vec<u8>> {
        let vba: Vec<usize> = self
            .entries
            .iter()
            .filter(|e| e.0 == VBA)
            .filter_map(|e| e.3)
            .collect();
        if vba.is_empty() {
            return None;
        }
        let mut copy = self.bytes.to_vec();
        for at in vba {
            // "_" becomes "X": calamine looks the project up by its name.
            copy[at] = b'X';
        }
        Some(copy)
    }
}

/// Sector numbers already read on one chain.
struct Visited(Vec<bool>);

impl Visited {
    fn new(limit: u32) -> Self {
        Visited(vec![false; limit as usize])
    }

    fn visit(&mut self, id: u32, what: &str) -> Result<(), IngestError> {
        match self.0.get_mut(id as usize) {
            None => Err(damaged(format!(
                "its {what} chain points to sector {id}, outside the file"
            ))),
            Some(true) => Err(damaged(format!(
                "its {what} chain loops back to sector {id}"
            ))),
            Some(seen) => {
                *seen = true;
                Ok(())
            }
        }
    }
}

/// Walks BIFF records as calamine's `RecordIter` does: a record and the
/// CONTINUE records after it, with the bytes walked so far. Stops at the
/// first malformed record (calamine then fails with an error, which is safe).
fn records(all: &[u8]) -> impl Iterator<Item = (u32, &[u8], usize)> {
    let mut stream = all;
    std::iter::from_fn(move || {
        if stream.len() < 4 {
            return None;
        }
        let typ = u16_at(stream, 0);
        let len = u16_at(stream, 2) as usize;
        if stream.len() < len + 4 {
            return None;
        }
        let (record, mut next) = stream.split_at(len + 4);
        while next.len() > 4 && u16_at(next, 0) == 0x003C {
            let more = u16_at(next, 2) as usize;
            if next.len() < more + 4 {
                next = &[];
                break;
            }
            next = &next[more + 4..];
        }
        stream = next;
        Some((typ, &record[4..], all.len() - stream.len()))
    })
}

const EOF: u32 = 0x000A;
const BOUNDSHEET: u32 = 0x0085;
const SST: u32 = 0x00FC;
const DIMENSIONS: u32 = 0x0200;
const FORMULA: u32 = 0x0006;
const MULRK: u32 = 0x00BD;
/// NUMBER, LABEL, BOOLERR, RK, LABELSST: one cell at (row, column).
const CELL: [u32; 5] = [0x0203, 0x0204, 0x0205, 0x027E, 0x00FD];

/// The cells calamine's dense ranges will hold, in all sheets.
fn check_biff(stream: &[u8]) -> Result<(), IngestError> {
    let mut sheets = Vec::new();
    for (typ, data, _) in records(stream) {
        match typ {
            BOUNDSHEET if data.len() >= 4 => sheets.push(u32_at(data, 0) as usize),
            SST if data.len() >= 8 && u64::from(u32_at(data, 4)) > STRINGS => {
                return Err(too_big(Over::Strings, "SST"));
            }
            EOF => break,
            _ => {}
        }
    }
    let mut cells = 0u64;
    let mut scanned = 0usize;
    for start in sheets {
        let sheet = stream
            .get(start..)
            .ok_or_else(|| damaged("a sheet starts past the end of the workbook stream"))?;
        let (area, bytes) = sheet_area(sheet)?;
        cells = cells.saturating_add(area);
        scanned = scanned.saturating_add(bytes);
        if cells > CELLS {
            return Err(too_big(Over::Cells, "xls"));
        }
        if scanned > stream.len() {
            return Err(damaged("its sheets overlap"));
        }
    }
    Ok(())
}

/// One sheet's dense cells (values and formulas) and the bytes its records
/// span, as calamine will build them.
fn sheet_area(sheet: &[u8]) -> Result<(u64, usize), IngestError> {
    let mut values = Bounds::default();
    let mut formulas = Bounds::default();
    let mut walked = 0;
    for (typ, data, so_far) in records(sheet) {
        walked = so_far;
        match typ {
            DIMENSIONS if dimensions_area(data) > CELLS => {
                return Err(too_big(Over::Cells, "xls"));
            }
            t if CELL.contains(&t) && data.len() >= 4 => {
                values.add(u16_at(data, 0), u16_at(data, 2));
            }
            MULRK if data.len() >= 6 => {
                let (row, first, last) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    u16_at(data, data.len() - 2),
                );
                values.add(row, first);
                values.add(row, last.max(first));
            }
            FORMULA if data.len() >= 4 => {
                values.add(u16_at(data, 0), u16_at(data, 2));
                formulas.add(u16_at(data, 0), u16_at(data, 2));
            }
            EOF => break,
            _ => {}
        }
    }
    Ok((values.area() + formulas.area(), walked))
}

/// What calamine reserves for a DIMENSIONS record, with its arithmetic
/// (u32, wrapping as a release build wraps).
fn dimensions_area(data: &[u8]) -> u64 {
    let (first_row, last_row, mut first_col, last_col) = match data.len() {
        10 => (
            u16_at(data, 0),
            u16_at(data, 2),
            u16_at(data, 4),
            u16_at(data, 6),
        ),
        14 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u16_at(data, 8),
            u16_at(data, 10),
        ),
        _ => return 0,
    };
    if 0xFF < first_col || last_col < first_col {
        first_col = 0;
    }
    if last_row < 1 || last_col < 1 {
        return 1;
    }
    let rows = (last_row - 1).wrapping_sub(first_row).wrapping_add(1) as u64;
    let cols = (last_col - 1).wrapping_sub(first_col).wrapping_add(1) as u64;
    rows.saturating_mul(cols)
}

/// The bounding box of some cells.
#[derive(Default)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }

    fn area(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
        })
    }
}

#[cfg(test)]
mod tests;
