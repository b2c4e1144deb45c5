//! A catalogue of hostile PDFs, made on the fly (issue #19): each is small
//! on disk and built to make a reader do unbounded work, recurse without
//! end, allocate without end or give up where it could recover. The
//! integration tests run the converter on each; `tests/benches/hostile.sh`
//! times them in release.

use flate2::write::ZlibEncoder;
use flate2::{Compress, Compression, FlushCompress};
use std::io::Write;
use std::path::Path;

/// What the converter must make of a hostile file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Convert, or refuse with a clear error naming the file: either is fine.
    Either,
    /// Refuse, naming the file.
    Refused,
    /// Convert to the same articles as the plain page it was made from.
    SameAsPlain,
}

/// One hostile file: its name, bytes and what must become of it.
pub struct Hostile {
    /// File name, `*.pdf`.
    pub name: &'static str,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// What the converter must do with it.
    pub expect: Expect,
}

/// A PDF of `objects` (numbered from 1, object 1 the catalog) with a
/// correct cross-reference table.
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (k, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", k + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object: `dict` entries (without `/Length`) and its data.
pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = ZlibEncoder::new(Vec::new(), Compression::best());
    e.write_all(data).expect("in memory");
    e.finish().expect("in memory")
}

/// Catalog, pages and one page whose content is object 4 and whose
/// resources are `resources`; more objects follow from number 5.
fn one_page(content: Vec<u8>, resources: &str, more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> {resources} >> >>").into_bytes(),
        content,
    ];
    objects.extend(more);
    pdf(&objects)
}

/// One page of [`TEXT`] under a page tree whose `/Kids` (and `/Count`) are `kids`.
fn page_tree(kids: &str) -> Vec<u8> {
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids {kids} >>").into_bytes(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>".to_vec(),
        stream("", TEXT),
    ])
}

/// A line of text any reader can decode (Helvetica, WinAnsi).
const TEXT: &[u8] = b"BT /F1 12 Tf 72 720 Td (Hostile page, plain text) Tj ET\n";

/// A zlib stream that inflates to `copies` × 8 MiB of spaces, in about
/// `copies` × 8 KiB: one sync-flushed deflate block repeated (its back
/// references reach only spaces), a final empty block, the right checksum.
fn flate_bomb_data(copies: usize) -> Vec<u8> {
    const BLOCK: usize = 8 << 20;
    let mut c = Compress::new(Compression::best(), false);
    let mut block = Vec::with_capacity(BLOCK / 100);
    c.compress_vec(&vec![b' '; BLOCK], &mut block, FlushCompress::Sync)
        .expect("in memory");
    let mut out = vec![0x78, 0xda];
    for _ in 0..copies {
        out.extend_from_slice(&block);
    }
    out.extend_from_slice(&[0x03, 0x00]); // final fixed-Huffman block holding nothing
    let n = (BLOCK * copies) as u128;
    let (a, b) = ((1 + n * 32) % 65521, (n + 32 * n * (n + 1) / 2) % 65521);
    out.extend_from_slice(&((b << 16 | a) as u32).to_be_bytes());
    out
}

/// Two pages: a flate bomb, then a page of plain text. The second page
/// must convert; the first must be left unread with an error.
pub fn bomb_then_text() -> Vec<u8> {
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        stream("/Filter /FlateDecode", &flate_bomb_data(16)),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>".to_vec(),
        stream("", TEXT),
    ])
}

/// The synthetic files: bombs, loops and lies, each around one line of text.
pub fn synthetic() -> Vec<Hostile> {
    let text_stream = |data: &[u8]| stream("", data);
    let mut v = Vec::new();
    let bomb = stream("/Filter /FlateDecode", &flate_bomb_data(128));
    v.push(Hostile {
        name: "flate_bomb_1gib.pdf",
        bytes: one_page(bomb, "", vec![]),
        expect: Expect::Either,
    });
    let mut ops = b"BT /F1 12 Tf 72 720 Td (Hostile page, plain text) Tj\n".to_vec();
    ops.extend(b"0 0 Td ".repeat(2_000_000));
    ops.extend_from_slice(b"ET\n");
    v.push(Hostile {
        name: "two_million_operators.pdf",
        bytes: one_page(stream("/Filter /FlateDecode", &zlib(&ops)), "", vec![]),
        expect: Expect::Either,
    });
    let mut deep = b"q ".repeat(100_000);
    deep.extend_from_slice(TEXT);
    deep.extend(b"Q ".repeat(100_000));
    v.push(Hostile {
        name: "nesting_100000_deep.pdf",
        bytes: one_page(
            text_stream(&deep),
            &format!("/Deep {}{}", "[".repeat(100_000), "]".repeat(100_000)),
            vec![],
        ),
        expect: Expect::Either,
    });
    let cyclic = page_tree("[2 0 R 3 0 R] /Count 2");
    v.push(Hostile {
        name: "cyclic_page_tree.pdf",
        bytes: cyclic,
        expect: Expect::Either,
    });
    let lying = page_tree("[3 0 R] /Count 1000000000");
    v.push(Hostile {
        name: "lying_count.pdf",
        bytes: lying,
        expect: Expect::Either,
    });
    let mut draw_self = TEXT.to_vec();
    draw_self.extend_from_slice(b"/X1 Do\n");
    let form = stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X1 5 0 R >> >>", b"/X1 Do");
    v.push(Hostile {
        name: "form_draws_itself.pdf",
        bytes: one_page(
            text_stream(&draw_self),
            "/XObject << /X1 5 0 R >>",
            vec![form],
        ),
        expect: Expect::Either,
    });
    let mut with_image = TEXT.to_vec();
    with_image.extend_from_slice(b"q 100 0 0 100 72 500 cm /Im1 Do Q\n");
    let image = stream("/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /FlateDecode", &zlib(&[0u8; 4096]));
    v.push(Hostile {
        name: "image_100000_square.pdf",
        bytes: one_page(
            text_stream(&with_image),
            "/XObject << /Im1 5 0 R >>",
            vec![image],
        ),
        expect: Expect::Either,
    });
    let garbage: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    v.push(Hostile {
        name: "garbage.pdf",
        bytes: garbage,
        expect: Expect::Refused,
    });
    v.push(Hostile {
        name: "empty.pdf",
        bytes: Vec::new(),
        expect: Expect::Refused,
    });
    v
}

/// Files made from a real page: cut short, with a wrong `startxref`, and
/// encrypted with an empty user password (AES-256 and RC4, by `qpdf`).
pub fn from_page(page: &Path, work: &Path) -> Vec<Hostile> {
    let plain = std::fs::read(page).expect("read the page");
    let mut v = vec![Hostile {
        name: "truncated.pdf",
        bytes: plain[..plain.len() / 2].to_vec(),
        expect: Expect::Either,
    }];
    let at = plain
        .windows(9)
        .rposition(|w| w == b"startxref")
        .expect("a startxref");
    let mut wrong = plain[..at].to_vec();
    wrong.extend_from_slice(b"startxref\n12345\n%%EOF\n");
    v.push(Hostile {
        name: "wrong_startxref.pdf",
        bytes: wrong,
        expect: Expect::SameAsPlain,
    });
    for (name, args) in [
        ("encrypted_aes256.pdf", &["256"][..]),
        ("encrypted_rc4.pdf", &["128", "--use-aes=n"][..]),
    ] {
        let out = work.join(name);
        let status = std::process::Command::new("qpdf")
            .args(["--allow-weak-crypto", "--warning-exit-0", "--no-warn"])
            .stderr(std::process::Stdio::null())
            .args(["--encrypt", "", "owner-secret"])
            .args(args)
            .arg("--")
            .arg(page)
            .arg(&out)
            .status()
            .expect("run qpdf (bash tests/run.sh installs it)");
        assert!(
            status.success(),
            "qpdf could not encrypt {}",
            page.display()
        );
        v.push(Hostile {
            name,
            bytes: std::fs::read(&out).expect("qpdf wrote it"),
            expect: Expect::SameAsPlain,
        });
    }
    v
}
