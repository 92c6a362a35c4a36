//! What the HTML reader needs to know about each element name: how it nests (the implied
//! end-tag rules of the WHATWG tree-construction algorithm that matter for text), whether it
//! starts a block of text, whether its content is skipped, and which landmark it is.

use newspipe_model::Landmark;
use std::borrow::Cow;

/// Properties of one element name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct TagKind {
    /// Starts its own block of text (`p`, `div`, `li`, `td`, ...).
    pub block: bool,
    /// Has no content and no end tag (`br`, `img`, `meta`, ...).
    pub void: bool,
    /// Content is not page text (`script`, `style`, `svg`, ...).
    pub skip: bool,
    /// Starting this element closes an open `p` (the spec's "close a p element").
    pub closes_p: bool,
    /// A "special" element in the spec's sense: list-item and scope searches stop here, and an
    /// end tag of an inline element does not close it.
    pub special: bool,
    /// A scope boundary (`table`, `td`, `th`, `caption`, `html`, `template`, ...): end tags
    /// of elements outside it do not close it.
    pub scope: bool,
    /// The landmark the element itself is.
    pub landmark: Option<Landmark>,
    /// 1–6 for `h1`–`h6`.
    pub heading: u8,
}

const fn kind() -> TagKind {
    TagKind {
        block: false,
        void: false,
        skip: false,
        closes_p: false,
        special: false,
        scope: false,
        landmark: None,
        heading: 0,
    }
}

const INLINE: TagKind = kind();
const VOID: TagKind = TagKind {
    void: true,
    special: true,
    ..kind()
};
const SKIP: TagKind = TagKind {
    skip: true,
    special: true,
    ..kind()
};
const BLOCK: TagKind = TagKind {
    block: true,
    closes_p: true,
    special: true,
    ..kind()
};
/// Blocks that do not close an open `p` (table parts, list items handle their own closing).
const CELL: TagKind = TagKind {
    block: true,
    special: true,
    scope: true,
    ..kind()
};

const fn landmark(l: Landmark) -> TagKind {
    TagKind {
        landmark: Some(l),
        ..BLOCK
    }
}

const fn heading(level: u8) -> TagKind {
    TagKind {
        heading: level,
        ..BLOCK
    }
}

/// The properties of an element name (lower case, as the tokenizer reports it).
pub(crate) fn tag_kind(name: &str) -> TagKind {
    match name {
        "p" | "div" | "address" | "blockquote" | "center" | "details" | "dialog" | "dir" | "dl"
        | "fieldset" | "figcaption" | "figure" | "hgroup" | "menu" | "ol" | "ul" | "section"
        | "summary" | "pre" | "listing" | "legend" | "body" => BLOCK,
        "li" | "dd" | "dt" => TagKind {
            closes_p: false,
            ..BLOCK
        },
        "nav" => landmark(Landmark::Nav),
        "header" => landmark(Landmark::Header),
        "footer" => landmark(Landmark::Footer),
        "aside" => landmark(Landmark::Aside),
        "form" => landmark(Landmark::Form),
        "article" => landmark(Landmark::Article),
        "main" => landmark(Landmark::Main),
        "h1" => heading(1),
        "h2" => heading(2),
        "h3" => heading(3),
        "h4" => heading(4),
        "h5" => heading(5),
        "h6" => heading(6),
        "table" => TagKind {
            closes_p: true,
            ..CELL
        },
        "td" | "th" | "caption" => CELL,
        "tr" | "tbody" | "thead" | "tfoot" | "colgroup" => TagKind {
            block: true,
            special: true,
            ..kind()
        },
        "html" => TagKind {
            scope: true,
            special: true,
            ..kind()
        },
        "hr" => TagKind {
            closes_p: true,
            ..VOID
        },
        "br" | "img" | "wbr" | "area" | "base" | "col" | "embed" | "input" | "link" | "meta"
        | "param" | "source" | "track" | "keygen" | "basefont" | "bgsound" | "frame" => VOID,
        "head" => TagKind {
            special: true,
            ..kind()
        },
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "select"
        | "textarea" | "button" | "object" | "canvas" | "audio" | "video" | "noembed"
        | "noframes" | "frameset" | "datalist" | "map" | "picture" => TagKind {
            scope: matches!(name, "template" | "object"),
            ..SKIP
        },
        "title" => SKIP,
        _ => INLINE,
    }
}

/// The element name as a shared string: a `'static` one for the common names (no allocation per
/// block), an owned one otherwise.
pub(crate) fn tag_name(name: &str) -> Cow<'static, str> {
    const KNOWN: &[&str] = &[
        "p",
        "div",
        "li",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "span",
        "a",
        "section",
        "article",
        "blockquote",
        "figcaption",
        "dd",
        "dt",
        "pre",
        "ul",
        "ol",
        "table",
        "tr",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "form",
        "body",
        "caption",
        "figure",
        "address",
        "center",
        "summary",
        "details",
        "legend",
        "label",
        "font",
        "strong",
        "b",
        "em",
        "i",
        "small",
        "time",
        "cite",
        "q",
        "tbody",
        "thead",
        "tfoot",
        "html",
        "dl",
        "fieldset",
        "hgroup",
        "menu",
        "dir",
        "dialog",
        "listing",
        "colgroup",
    ];
    match KNOWN.iter().find(|k| **k == name) {
        Some(k) => Cow::Borrowed(k),
        None => Cow::Owned(name.to_owned()),
    }
}

/// Elements that may stay inside `<head>`.
pub(crate) fn is_head_content(name: &str) -> bool {
    matches!(
        name,
        "meta"
            | "link"
            | "title"
            | "script"
            | "style"
            | "noscript"
            | "base"
            | "template"
            | "basefont"
            | "bgsound"
    )
}

/// The landmark an ARIA `role` value names.
pub(crate) fn role_landmark(role: &str) -> Option<Landmark> {
    role.split_ascii_whitespace().find_map(|r| {
        Some(match r.to_ascii_lowercase().as_str() {
            "navigation" | "menubar" | "menu" => Landmark::Nav,
            "banner" => Landmark::Header,
            "contentinfo" => Landmark::Footer,
            "complementary" => Landmark::Aside,
            "form" | "search" => Landmark::Form,
            "article" => Landmark::Article,
            "main" => Landmark::Main,
            _ => return None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert!(tag_kind("p").block && tag_kind("p").closes_p);
        assert!(tag_kind("li").block && !tag_kind("li").closes_p);
        assert!(tag_kind("br").void);
        assert!(tag_kind("script").skip);
        assert!(!tag_kind("span").block && !tag_kind("span").special);
        assert_eq!(tag_kind("h3").heading, 3);
        assert_eq!(tag_kind("nav").landmark, Some(Landmark::Nav));
        assert!(matches!(tag_name("p"), Cow::Borrowed("p")));
        assert_eq!(tag_name("x-widget"), "x-widget");
    }
}
