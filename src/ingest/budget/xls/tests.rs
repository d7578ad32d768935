use super::*;
use calamine::{open_workbook_auto_from_rs, Reader};
use std::io::Cursor;

/// CDNOW sample written by xlwt (scripts/fixtures/cdnow_xls.py): 512-byte
/// sectors, the FAT in sectors 800-806, the directory in sector 807, one
/// "Workbook" stream of 409,600 bytes.
const XLS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/cdnow_sample.xls"
));

fn put(bytes: &mut [u8], at: usize, value: u32) {
    bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
}

fn refused(bytes: &[u8]) -> String {
    check(bytes).unwrap_err().to_string()
}

/// Offset in the file of the first BIFF record of type `typ` and length
/// `len` in the workbook stream (which starts at sector 0).
fn record(typ: u16, len: u16) -> usize {
    let mut at = 512;
    loop {
        let (t, l) = (u16_at(XLS, at) as u16, u16_at(XLS, at + 2) as u16);
        if (t, l) == (typ, len) {
            return at;
        }
        at += 4 + l as usize;
    }
}

#[test]
fn a_good_file_passes_and_opens() {
    assert_eq!(check(XLS).unwrap(), None);
    let mut book = open_workbook_auto_from_rs(Cursor::new(XLS)).unwrap();
    let range = book.worksheet_range("销售明细").unwrap();
    assert_eq!(range.height(), 6920);
}

#[test]
fn a_header_that_lies_about_its_sizes_is_refused() {
    let mut lies = XLS.to_vec();
    put(&mut lies, 44, u32::MAX);
    assert!(refused(&lies).contains("FAT sectors"));
}

#[test]
fn a_difat_chain_that_loops_is_refused() {
    // calamine would extend its DIFAT for ever.
    let mut looped = XLS.to_vec();
    put(&mut looped, 68, 5);
    put(&mut looped, 6 * 512 + 508, 5);
    assert!(
        refused(&looped).contains("DIFAT chain loops back"),
        "{}",
        refused(&looped)
    );
}

#[test]
fn a_directory_chain_that_loops_or_leaves_the_file_is_refused() {
    let mut looped = XLS.to_vec();
    // The FAT entry of sector 807 (in the FAT's seventh sector) points back to 807.
    put(&mut looped, 807 * 512 + (807 - 6 * 128) * 4, 807);
    assert!(refused(&looped).contains("directory chain loops back"));
    let mut far = XLS.to_vec();
    // calamine would grow its buffer to this sector's offset: 2 TB.
    put(&mut far, 48, 0xFFFF_FF00);
    assert!(refused(&far).contains("sector 4294967040, outside the file"));
}

#[test]
fn a_stream_longer_than_the_file_is_refused() {
    let mut long = XLS.to_vec();
    put(&mut long, 808 * 512 + 128 + 120, u32::MAX);
    assert!(refused(&long).contains("claims 4294967295 bytes"));
}

#[test]
fn a_cell_far_out_or_a_dimensions_record_that_lies_is_refused() {
    // A LABELSST at row 65,535, column 65,535: calamine's dense range would
    // be 4.3 billion cells.
    let mut far = XLS.to_vec();
    let at = record(0x00FD, 10);
    far[at + 4..at + 8].copy_from_slice(&[0xFF; 4]);
    assert!(refused(&far).contains("more than 16000000 cells"));
    // A DIMENSIONS of four billion rows: calamine reserves them all.
    let mut dimensions = vec![0x00, 0x02, 14, 0];
    dimensions.extend(0u32.to_le_bytes());
    dimensions.extend(0xFFFF_FFF0u32.to_le_bytes());
    dimensions.extend([0, 0, 3, 0, 0, 0]);
    let stream = [
        vec![0x85, 0x00, 8, 0, 16, 0, 0, 0, 0, 0, 1, 0],
        vec![0x0A, 0, 0, 0],
        dimensions,
    ]
    .concat();
    let error = check_biff(&stream).unwrap_err().to_string();
    assert!(error.contains("more than 16000000 cells"), "{error}");
}

#[test]
fn sheets_that_overlap_are_refused() {
    // BOUNDSHEET records pointing into one sheet: calamine scans the stream
    // once per sheet, quadratic time. Disjoint sheets span at most the stream.
    let boundsheet = |pos: u32| {
        let mut r = vec![0x85, 0x00, 8, 0];
        r.extend(pos.to_le_bytes());
        r.extend([0, 0, 1, 0]);
        r
    };
    let number: Vec<u8> = [0x03, 0x02, 14, 0].into_iter().chain([0; 14]).collect();
    let sheet = [number.clone(), number.clone(), number].concat();
    let one = [boundsheet(16), vec![0x0A, 0, 0, 0], sheet.clone()].concat();
    assert!(check_biff(&one).is_ok());
    let two = [boundsheet(28), boundsheet(28), vec![0x0A, 0, 0, 0], sheet].concat();
    let error = check_biff(&two).unwrap_err().to_string();
    assert!(error.contains("overlap"), "{error}");
}

#[test]
fn a_vba_project_is_hidden_from_calamine() {
    // The third directory entry is renamed to the VBA project's name: calamine
    // would look for its "dir" stream and fail (or decompress every module).
    let mut vba = XLS.to_vec();
    let entry = 808 * 512 + 256;
    let name: Vec<u8> = VBA.encode_utf16().flat_map(u16::to_le_bytes).collect();
    vba[entry..entry + name.len()].copy_from_slice(&name);
    assert!(open_workbook_auto_from_rs(Cursor::new(&vba)).is_err());
    let copy = check(&vba).unwrap().expect("a copy without the VBA entry");
    assert!(open_workbook_auto_from_rs(Cursor::new(&copy)).is_ok());
}
