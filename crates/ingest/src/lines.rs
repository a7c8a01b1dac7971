//! Bounded reading: lines and whole streams that may not grow past a limit.

use std::io::{self, BufRead, Read};

/// What [`read_line_bounded`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line (without its `\n`) is in the buffer.
    Complete,
    /// The line was longer than the limit; it was consumed, the buffer is empty.
    TooLong,
    /// End of input, nothing read.
    Eof,
}

/// Reads one line into `buf` (cleared first), never holding more than `max`
/// bytes: a longer line is skipped to its end, so memory stays bounded whatever
/// the input (`BufRead::read_until` would grow without limit on a file with no
/// newline).
pub(crate) fn read_line_bounded<R: BufRead + ?Sized>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Line> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (available.get(..i).unwrap_or_default(), i + 1),
            None => (available, available.len()),
        };
        let found_newline = done > chunk.len();
        if !too_long {
            if buf.len() + chunk.len() > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        reader.consume(done);
        if found_newline {
            break;
        }
    }
    Ok(if too_long {
        buf.clear();
        Line::TooLong
    } else if any {
        Line::Complete
    } else {
        Line::Eof
    })
}

/// Reads all of `reader`, or reports that it holds more than `max` bytes.
/// `Ok(None)` means too large; only `max + 1` bytes are ever held.
pub(crate) fn read_to_end_bounded<R: Read>(reader: R, max: u64) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    reader.take(max.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > max {
        Ok(None)
    } else {
        Ok(Some(buf))
    }
}

/// Reads and drops up to `n` bytes; returns how many there were.
pub(crate) fn skip<R: Read>(reader: &mut R, n: u64) -> io::Result<u64> {
    io::copy(&mut reader.take(n), &mut io::sink())
}

/// A size in words a user reads (`64 MiB`).
pub(crate) fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_not_buffered() {
        let data = b"short\nthis line is far too long\nlast";
        let mut r = io::BufReader::with_capacity(4, &data[..]);
        let mut buf = Vec::new();
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 10).unwrap(),
            Line::Complete
        );
        assert_eq!(buf, b"short");
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 10).unwrap(),
            Line::TooLong
        );
        assert!(buf.is_empty());
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 10).unwrap(),
            Line::Complete
        );
        assert_eq!(buf, b"last");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 10).unwrap(), Line::Eof);
    }

    #[test]
    fn bounded_read_refuses_oversized_input() {
        assert_eq!(
            read_to_end_bounded(&b"12345"[..], 5).unwrap(),
            Some(b"12345".to_vec())
        );
        assert_eq!(read_to_end_bounded(&b"123456"[..], 5).unwrap(), None);
        assert_eq!(human_size(64 * 1024 * 1024), "64 MiB");
    }
}
