//! A CSV file read as a stream: the encoding is decided from its start (BOM, UTF-8, else
//! GB18030/GBK), the rest decoded chunk by chunk into UTF-8 with every line break made LF.
//! Bad bytes and a quote that never closes stop the stream with their line and column, so a
//! file of any size is read in a few hundred kilobytes.

use std::io::{self, Read};

use encoding_rs::{DecoderResult, Encoding};

/// How much of the file decides its encoding and delimiter.
const SNIFF: usize = 64 * 1024;
const CHUNK: usize = 64 * 1024;
/// A quoted cell longer than this (in bytes) is a quote that never closes, not a record: the
/// longest cell a ledger takes (4,000 characters) is at most 16,000 bytes.
const MAX_QUOTED_BYTES: usize = 64 * 1024;

const SAVE_AS_UTF8: &str = "请在 Excel / WPS 中另存为“CSV UTF-8”后再导入";

/// Where reading stopped, and why; carried inside an `io::Error` to whoever reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    pub line: u64,
    /// 1-based column, counted by `,` or tab on the line (quotes aside).
    pub column: usize,
    pub reason: String,
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Stop {}

/// The `Stop` inside an error that came out of `Decoded`, if it carries one.
pub fn stop_of(e: &io::Error) -> Option<&Stop> {
    e.get_ref().and_then(|inner| inner.downcast_ref::<Stop>())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guess {
    /// UTF-8; `sure` after a BOM or Chinese text before a stray byte (then the stray byte is
    /// a mixed-encoding file, not GBK).
    Utf8 {
        sure: bool,
    },
    Gb18030,
    Utf16,
}

/// The quote state of the text handed out so far.
#[derive(Debug, Default)]
struct Quotes {
    open_at: Option<(u64, usize)>,
    bytes_inside: usize,
    /// A `"` inside quotes that may be the first of an escaped pair `""`.
    maybe_close: bool,
    /// The last byte ended a field (or nothing was read yet).
    after_field: bool,
}

/// Decoded UTF-8 text of a CSV file, read through `Read`.
pub struct Decoded<R: Read> {
    inner: R,
    guess: Guess,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    raw_eof: bool,
    out: Vec<u8>,
    out_pos: usize,
    text: String,
    pending_cr: bool,
    last_byte: u8,
    finished: bool,
    stopped: Option<Stop>,
    line: u64,
    column: usize,
    delimiter: u8,
    quotes: Quotes,
    cjk_seen: usize,
}

impl<R: Read> Decoded<R> {
    /// Reads the start of `inner` to decide its encoding and delimiter.
    pub fn new(mut inner: R) -> io::Result<Decoded<R>> {
        let mut raw = Vec::with_capacity(SNIFF);
        let raw_eof = fill(&mut inner, &mut raw, SNIFF)?;
        let (guess, encoding, bom) = sniff(&raw, raw_eof);
        raw.drain(..bom);
        let (head, _) = encoding.decode_without_bom_handling(&raw[..raw.len().min(4096)]);
        let first = head.split(['\n', '\r']).next().unwrap_or("");
        let delimiter = if first.contains('\t') && !first.contains(',') {
            b'\t'
        } else {
            b','
        };
        Ok(Decoded {
            inner,
            guess,
            decoder: encoding.new_decoder_without_bom_handling(),
            raw,
            raw_eof,
            out: Vec::with_capacity(CHUNK * 2),
            out_pos: 0,
            text: String::with_capacity(CHUNK * 2),
            pending_cr: false,
            last_byte: b'\n',
            finished: false,
            stopped: None,
            line: 1,
            column: 1,
            delimiter,
            quotes: Quotes {
                after_field: true,
                ..Quotes::default()
            },
            cjk_seen: 0,
        })
    }

    /// Whether the file was read as GBK/GB18030 (Excel's plain "CSV" on a Chinese system).
    pub fn is_gbk(&self) -> bool {
        self.guess == Guess::Gb18030
    }

    /// The delimiter of the file: tab when the header line has tabs and no comma.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    fn stop(&mut self, line: u64, column: usize, reason: String) {
        self.stopped.get_or_insert(Stop {
            line,
            column,
            reason,
        });
    }

    /// Decodes the next piece of raw input into `out`.
    fn pump(&mut self) -> io::Result<()> {
        if self.raw.is_empty() && !self.raw_eof {
            self.raw_eof = fill(&mut self.inner, &mut self.raw, CHUNK)?;
        }
        self.text.clear();
        let need = self
            .decoder
            .max_utf8_buffer_length_without_replacement(self.raw.len())
            .unwrap_or(self.raw.len() * 4 + 16);
        self.text.reserve(need);
        let mut text = std::mem::take(&mut self.text);
        let (result, read) =
            self.decoder
                .decode_to_string_without_replacement(&self.raw, &mut text, self.raw_eof);
        let at_end = self.raw_eof && read == self.raw.len();
        self.raw.drain(..read);
        self.emit(&text);
        self.text = text;
        match result {
            DecoderResult::InputEmpty if self.raw_eof => self.finish(),
            DecoderResult::InputEmpty | DecoderResult::OutputFull => {}
            DecoderResult::Malformed(..) => {
                let reason = self.malformed_reason(at_end);
                self.stop(self.line, self.column, reason);
            }
        }
        Ok(())
    }

    fn malformed_reason(&self, at_end: bool) -> String {
        match self.guess {
            Guess::Utf16 => "文件是 UTF-16 编码，但内容不完整或已损坏".into(),
            Guess::Utf8 { sure } if sure || self.cjk_seen >= 4 => {
                if at_end {
                    "文件末尾的字符不完整，文件可能被截断（未保存完或复制时中断）".into()
                } else {
                    format!(
                        "这里的文字不是 UTF-8 编码，而文件前面是 UTF-8：文件混用了编码，{SAVE_AS_UTF8}"
                    )
                }
            }
            _ => format!("无法识别文件编码：既不是 UTF-8 也不是 GBK/GB18030，{SAVE_AS_UTF8}"),
        }
    }

    /// Appends decoded text to `out`: CRLF and lone CR become LF; position and quotes tracked.
    fn emit(&mut self, text: &str) {
        if matches!(self.guess, Guess::Utf8 { sure: false }) && self.cjk_seen < 4 {
            self.cjk_seen += text
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .take(4)
                .count();
        }
        for &b in text.as_bytes() {
            if self.pending_cr {
                self.pending_cr = false;
                self.push(b'\n');
                if b == b'\n' {
                    continue;
                }
            }
            if b == b'\r' {
                self.pending_cr = true;
            } else {
                self.push(b);
            }
        }
    }

    fn push(&mut self, b: u8) {
        self.track_quotes(b);
        self.out.push(b);
        self.last_byte = b;
        match b {
            b'\n' => {
                self.line += 1;
                self.column = 1;
            }
            b',' | b'\t' => self.column += 1,
            _ => {}
        }
    }

    fn track_quotes(&mut self, b: u8) {
        let q = &mut self.quotes;
        if let Some((line, column)) = q.open_at {
            if q.maybe_close {
                q.maybe_close = false;
                if b == b'"' {
                    return;
                }
                q.open_at = None;
            } else {
                if b == b'"' {
                    q.maybe_close = true;
                    return;
                }
                q.bytes_inside += 1;
                if q.bytes_inside > MAX_QUOTED_BYTES {
                    self.stop(line, column, unclosed());
                }
                return;
            }
        }
        let q = &mut self.quotes;
        if b == b'"' && q.after_field {
            q.open_at = Some((self.line, self.column));
            q.bytes_inside = 0;
        }
        q.after_field = b == self.delimiter || b == b'\n';
    }

    fn finish(&mut self) {
        if self.pending_cr {
            self.pending_cr = false;
            self.push(b'\n');
        }
        if self.quotes.maybe_close {
            self.quotes.open_at = None;
        }
        if let Some((line, column)) = self.quotes.open_at {
            self.stop(line, column, unclosed());
        }
        // Every record then ends with a line break, so each one's line is known.
        if self.last_byte != b'\n' {
            self.push(b'\n');
        }
        self.finished = true;
    }
}

fn unclosed() -> String {
    "引号不成对：这里开始的引号直到文件末尾都没有结束".into()
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if let Some(stop) = &self.stopped {
                return Err(io::Error::new(io::ErrorKind::InvalidData, stop.clone()));
            }
            if self.out_pos < self.out.len() {
                let n = buf.len().min(self.out.len() - self.out_pos);
                buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
                self.out_pos += n;
                if self.out_pos == self.out.len() {
                    self.out.clear();
                    self.out_pos = 0;
                }
                return Ok(n);
            }
            if self.finished {
                return Ok(0);
            }
            self.pump()?;
        }
    }
}

fn fill(r: &mut impl Read, buf: &mut Vec<u8>, want: usize) -> io::Result<bool> {
    let start = buf.len();
    buf.resize(start + want, 0);
    let mut got = start;
    let eof = loop {
        if got == buf.len() {
            break false;
        }
        match r.read(&mut buf[got..]) {
            Ok(0) => break true,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    };
    buf.truncate(got);
    Ok(eof)
}

/// The encoding of a file from its first bytes, and the length of its BOM.
fn sniff(start: &[u8], whole: bool) -> (Guess, &'static Encoding, usize) {
    if start.starts_with(b"\xEF\xBB\xBF") {
        return (Guess::Utf8 { sure: true }, encoding_rs::UTF_8, 3);
    }
    if start.starts_with(b"\xFF\xFE") {
        return (Guess::Utf16, encoding_rs::UTF_16LE, 2);
    }
    if start.starts_with(b"\xFE\xFF") {
        return (Guess::Utf16, encoding_rs::UTF_16BE, 2);
    }
    let e = match std::str::from_utf8(start) {
        Ok(_) => return (Guess::Utf8 { sure: false }, encoding_rs::UTF_8, 0),
        Err(e) => e,
    };
    // A character cut by the end of the sniffed part is not a stray byte.
    if e.error_len().is_none() && !whole {
        return (Guess::Utf8 { sure: false }, encoding_rs::UTF_8, 0);
    }
    let valid = std::str::from_utf8(&start[..e.valid_up_to()]).unwrap_or("");
    // Headers are Chinese: a UTF-8 file shows many CJK characters before any stray byte.
    let cjk = valid
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    if cjk >= 4 {
        (Guess::Utf8 { sure: true }, encoding_rs::UTF_8, 0)
    } else {
        (Guess::Gb18030, encoding_rs::GB18030, 0)
    }
}

/// The whole of `bytes` decoded (for small inputs and tests).
pub fn decode_all(bytes: &[u8]) -> Result<String, Stop> {
    let mut text = String::new();
    let mut d = Decoded::new(bytes).map_err(|e| Stop {
        line: 1,
        column: 1,
        reason: e.to_string(),
    })?;
    match d.read_to_string(&mut text) {
        Ok(_) => Ok(text),
        Err(e) => Err(stop_of(&e).cloned().unwrap_or(Stop {
            line: 1,
            column: 1,
            reason: e.to_string(),
        })),
    }
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
