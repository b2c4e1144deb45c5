//! Hostile input shapes made to any size, shared by the hostile tests
//! (`tests/it/hostile/limits.rs`: each reads whole and converts) and the scaling
//! benchmark (`tests/benches/scaling.rs`: how the cost grows with size).

/// One line of running text, about `n` bytes, without a line break.
pub fn long_line(n: usize) -> String {
    "新闻正文，没有换行的超长一行。".repeat(n / 45 + 1)
}

/// A story around `n` blank lines (half empty, half spaces and tabs).
pub fn blank_lines(n: usize) -> String {
    format!(
        "标题\n{}正文。\n{}结尾。\n",
        "\n".repeat(n / 2),
        " \t\n".repeat(n / 2)
    )
}

/// A headline of about `n` bytes over a byline and one paragraph.
pub fn huge_headline(n: usize) -> String {
    format!(
        "{}\n\n本报记者 张三\n\n正文第一段。\n",
        "超长标题".repeat(n / 12 + 1)
    )
}

/// `n` characters of punctuation of every kind, in lines and blocks.
pub fn punctuation(n: usize) -> String {
    let chars: Vec<char> = "。，、；：？！“”‘’（）《》【】—…·.,;:?!\"'()[]{}<>-_/\\|@#$%^&*~`+="
        .chars()
        .collect();
    let mut s = String::new();
    for i in 0..n {
        s.push(chars[i * 7 % chars.len()]);
        if i % 37 == 36 {
            s.push('\n');
        }
        if i % 401 == 400 {
            s.push('\n');
        }
    }
    s
}

/// `n` one-story pages separated by form feeds.
pub fn form_feed_pages(n: usize) -> String {
    (0..n)
        .map(|i| format!("标题{i}\n\n正文{i}。\n\x0c"))
        .collect()
}

/// Page pieces whose article pass once cost the square of the page when
/// repeated: stories closed by their bylines (headline-only boxes looked up
/// per run, far headlines tried against every untitled text), name pieces
/// (tried against every byline) and jump lines (each tried against every
/// continued part). Repeat one `n` times for a page.
pub const STORY_PIECES: [(&str, &str); 4] = [
    ("closed stories", "夜市小摊起火 消防员十分钟扑灭\n目前，起火原因正在调查中。\n本报记者 孙立平\n\n昨晚九点多，城南夜市一处小摊突然起火。\n\n"),
    ("name pieces", "乡 村 文 化 是 中 华 文 化 的 根 基 ，也\n\n周\n\n来，各地在保护传统村落、传承非\n本报记者 张\n"),
    ("headlines and boxes", "推动乡村文化振兴的几点思考\n\n乡村文化\n\n"),
    ("jump lines", "推动乡村文化振兴\n（下转第二版）\n本报讯（记者 李明）近日，\n（上接第一版）\n"),
];
