//! Names shared by the writer and the reader: namespaces, schemes, codes,
//! and the XHTML classes of the article body.

/// The NewsML-G2 (NAR) namespace.
pub const NAR: &str = "http://iptc.org/std/nar/2006-10-01/";
/// XHTML, for the article bodies in `inlineXML`.
pub const XHTML: &str = "http://www.w3.org/1999/xhtml";
/// The XML namespace (`xml:lang`).
pub const XML: &str = "http://www.w3.org/XML/1998/namespace";
/// newsconv's extension namespace: what the model holds that NewsML-G2 has
/// no property for (input line spans, parser confidence and diagnostics,
/// page furniture, byline people with printed roles, jump targets).
/// Placed only where the schema has an `##other` extension point.
pub const NC: &str = "urn:newsconv:ns:newsml:1";
/// Prefix bound to [`NC`].
pub const NC_PREFIX: &str = "nc";

/// NewsML-G2 version written.
pub const STANDARD_VERSION: &str = "2.35";
/// Media type of a NewsML-G2 news message.
pub const MEDIA_TYPE: &str = "application/vnd.iptc.g2.newsmessage+xml";
/// Media type of a referenced news item (`itemRef/@contenttype`).
pub const NEWSITEM_TYPE: &str = "application/vnd.iptc.g2.newsitem+xml";

/// Scheme aliases declared in every item's catalog: (alias, uri, what).
pub const SCHEMES: &[(&str, &str, &str)] = &[
    (
        "ninat",
        "http://cv.iptc.org/newscodes/ninature/",
        "IPTC Nature of News Item",
    ),
    (
        "stat",
        "http://cv.iptc.org/newscodes/pubstatus/",
        "IPTC Publishing Status",
    ),
    (
        "pgrmod",
        "http://cv.iptc.org/newscodes/pgrmod/",
        "IPTC Package Group Mode",
    ),
    (
        "nchl",
        "urn:newsconv:cv:headlinerole:",
        "newsconv headline roles: kicker (引题), main, subtitle (副题), column (栏目)",
    ),
    (
        "ncrole",
        "urn:newsconv:cv:creatorrole:",
        "newsconv creator roles, from the role printed in the byline",
    ),
    (
        "ncgrp",
        "urn:newsconv:cv:grouprole:",
        "newsconv package group roles: issue, page",
    ),
];

/// Headline role codes (scheme `nchl`).
pub const HL_KICKER: &str = "nchl:kicker";
/// Main headline.
pub const HL_MAIN: &str = "nchl:main";
/// 副题.
pub const HL_SUBTITLE: &str = "nchl:subtitle";
/// 栏目.
pub const HL_COLUMN: &str = "nchl:column";

/// XHTML classes in the body. A `div.part` holds one printed part of the
/// article (the whole text when it does not jump pages).
pub mod class {
    /// One printed part of an article.
    pub const PART: &str = "part";
    /// 栏目.
    pub const COLUMN: &str = "column";
    /// 引题.
    pub const KICKER: &str = "kicker";
    /// Main headline (`h1`).
    pub const HEADLINE: &str = "headline";
    /// 副题.
    pub const SUBHEADLINE: &str = "subheadline";
    /// Byline as printed.
    pub const BYLINE: &str = "byline";
    /// Dateline.
    pub const DATELINE: &str = "dateline";
    /// End matter after the body (`（作者单位：…）`).
    pub const NOTE: &str = "note";
    /// A photo caption (`div`).
    pub const CAPTION: &str = "caption";
    /// The caption text inside a caption.
    pub const CAPTION_TEXT: &str = "caption-text";
    /// The photo credit inside a caption.
    pub const CREDIT: &str = "credit";
    /// A jump marker (display only; the jump itself is in the extension).
    pub const JUMP: &str = "jump";
}
