//! Tests of reading a ledger file's bytes: encodings, BOMs, line breaks and where a read stops.

use super::*;

#[test]
fn decodes_bom_utf8_gbk_and_utf16_with_lf_line_breaks() {
    let text = "工号,姓名\r\nW1,王强\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    for bytes in [text.as_bytes().to_vec(), bom, gbk.into_owned(), utf16] {
        assert_eq!(decode_all(&bytes).unwrap(), "工号,姓名\nW1,王强\n");
    }
    assert_eq!(decode_all("a\rb\r\nc".as_bytes()).unwrap(), "a\nb\nc\n");
}

#[test]
fn a_file_larger_than_a_chunk_decodes_across_chunk_edges() {
    // Multi-byte characters and CRLF pairs land on every chunk boundary somewhere.
    let line = "编号,说明文字\r\n";
    let text: String = line.repeat(CHUNK * 3 / line.len() + 7);
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let want = text.replace("\r\n", "\n");
    assert_eq!(decode_all(text.as_bytes()).unwrap(), want);
    assert_eq!(decode_all(&gbk).unwrap(), want);
}

#[test]
fn bad_bytes_and_open_quotes_stop_with_their_place() {
    let mut mixed = "编号,问题描述\nA1,占道\nA2,".as_bytes().to_vec();
    mixed.extend_from_slice(&encoding_rs::GBK.encode("烧烤").0);
    let s = decode_all(&mixed).unwrap_err();
    assert_eq!((s.line, s.column), (3, 2));
    assert!(s.reason.contains("混用"), "{}", s.reason);
    let mut cut = "编号,问题描述\nA1,占道".as_bytes().to_vec();
    cut.extend_from_slice(&"经".as_bytes()[..2]);
    let s = decode_all(&cut).unwrap_err();
    assert!(s.reason.contains("截断") && s.line == 2, "{s:?}");
    let s = decode_all("a,b\n1,\"open\n2,3\n".as_bytes()).unwrap_err();
    assert_eq!((s.line, s.column), (2, 2));
    assert!(s.reason.contains("引号"));
    assert!(decode_all("a,b\n1,\"两行\n文字，\"\"引\"\"\"\n".as_bytes()).is_ok());
}
