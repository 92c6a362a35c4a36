//! Tests of the HTML reader on small pages and on the fixtures in `tests/fixtures/html/`.

use super::*;

const ARTICLE: &str = include_str!("../../../../tests/fixtures/html/article-with-sidebar.html");
const MALFORMED: &str = include_str!("../../../../tests/fixtures/html/malformed.html");

fn texts(page: &HtmlPage) -> Vec<&str> {
    page.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn block<'a>(page: &'a HtmlPage, starts_with: &str) -> &'a Block {
    page.blocks
        .iter()
        .find(|b| b.text.starts_with(starts_with))
        .unwrap_or_else(|| {
            panic!(
                "no block starting with {starts_with:?} in {:?}",
                texts(page)
            )
        })
}

#[test]
fn entities_are_decoded() {
    let page = parse_page("<p>Fish &amp; chips &eacute;t&#233; &#x2014; &euro;5&nbsp;each &lt;b&gt; &bogusentity;</p>");
    assert_eq!(
        texts(&page),
        ["Fish & chips été — €5 each <b> &bogusentity;"]
    );
}

#[test]
fn whitespace_is_folded_and_inline_tags_join() {
    let page = parse_page("<div>\n  Hello\t\n <b>wor</b>ld ,\n\n  again  </div>");
    assert_eq!(texts(&page), ["Hello world , again"]);
}

#[test]
fn skipped_elements_give_no_text() {
    let page = parse_page(
        "<head><title>T</title><style>p{}</style></head><body><script>var a='<p>x</p>';</script>\
         <noscript>enable js</noscript><template><p>tpl</p></template><svg><text>svg</text></svg>\
         <iframe>frame</iframe><p hidden>gone</p><p style=\"display: none\">gone too</p>\
         <select><option>opt</option></select><p>kept</p></body>",
    );
    assert_eq!(texts(&page), ["kept"]);
}

#[test]
fn blocks_split_at_nested_blocks_and_br() {
    let page = parse_page("<div>intro<p>para</p>outro<br>second line<br/>third</div>");
    assert_eq!(
        texts(&page),
        ["intro", "para", "outro", "second line", "third"]
    );
    let intro = &page.blocks[0];
    let para = &page.blocks[1];
    assert_eq!(
        intro.hints.container, para.hints.container,
        "siblings in one div"
    );
}

#[test]
fn raw_spans_cover_the_element() {
    let html = "<body><p class=a>One &amp; two</p><div>x<br>y</div></body>";
    let page = parse_page(html);
    assert_eq!(
        &html[page.blocks[0].raw.range()],
        "<p class=a>One &amp; two</p>"
    );
    assert_eq!(&html[page.blocks[1].raw.range()], "x");
    assert_eq!(&html[page.blocks[2].raw.range()], "y");
}

#[test]
fn link_density_and_structure_hints() {
    let page = parse_page(
        "<ul><li><a href=/a>All link</a></li><li>Half <a href=/b>link</a></li></ul>\
         <table><tr><td>cell</td></tr></table><h2>Sub</h2>",
    );
    let all = block(&page, "All link");
    assert_eq!(all.hints.link_density, 1.0);
    assert!(all.hints.in_list && !all.hints.in_table);
    assert_eq!(all.hints.tag.as_deref(), Some("li"));
    let half = block(&page, "Half");
    assert!((half.hints.link_density - 0.5).abs() < 1e-6);
    let cell = block(&page, "cell");
    assert!(cell.hints.in_table && cell.hints.tag.as_deref() == Some("td"));
    let sub = block(&page, "Sub");
    assert_eq!(sub.hints.heading_level, 2);
}

#[test]
fn landmarks_and_class_signals() {
    let page = parse_page(ARTICLE);
    assert_eq!(block(&page, "News").hints.landmark, Some(Landmark::Nav));
    assert_eq!(block(&page, "Storm").hints.landmark, Some(Landmark::Aside));
    assert_eq!(block(&page, "©").hints.landmark, Some(Landmark::Footer));
    assert_eq!(
        block(&page, "The harbour").hints.landmark,
        Some(Landmark::Article)
    );
    assert!(block(&page, "The harbour").hints.class_signal > 0);
    assert!(block(&page, "Finally").hints.class_signal < 0);
    assert!(block(&page, "Share on").hints.class_signal < 0);
    let role = parse_page("<div role=navigation><p>x</p></div><div role=contentinfo>y</div>");
    assert_eq!(role.blocks[0].hints.landmark, Some(Landmark::Nav));
    assert_eq!(role.blocks[1].hints.landmark, Some(Landmark::Footer));
}

#[test]
fn content_score_prefers_the_article() {
    let page = parse_page(ARTICLE);
    let score = |s: &str| block(&page, s).hints.content_score.unwrap();
    for body in ["The harbour", "Commuters", "The repairs"] {
        assert!(score(body) >= 0.5, "{body}: {}", score(body));
    }
    for chrome in [
        "News",
        "Storm",
        "Finally",
        "Good job",
        "©",
        "Share on",
        "Most read",
    ] {
        assert!(score(chrome) < 0.5, "{chrome}: {}", score(chrome));
    }
}

#[test]
fn meta_from_og_json_ld_and_time() {
    let page = parse_page(ARTICLE);
    let meta = &page.meta;
    assert_eq!(
        meta.title.as_deref(),
        Some("Harbour bridge reopens after repairs")
    );
    assert_eq!(meta.published.as_deref(), Some("2024-03-05T08:30:00+01:00"));
    assert_eq!(meta.authors, ["Mara Lindqvist", "Tom Okafor"]);
    assert_eq!(
        meta.url.as_deref(),
        Some("https://gazette.example/news/bridge-reopens")
    );
    assert_eq!(meta.site.as_deref(), Some("The Coastal Gazette"));
    assert_eq!(meta.language.as_deref(), Some("en"));

    let time_only = parse_page(
        "<html><head><title>Plain title</title></head><body><time datetime=\"2020-01-02 03:04\">Jan</time>\
         <a rel=\"author\" href=\"/x\">Ann Poe</a></body></html>",
    );
    assert_eq!(
        time_only.meta.published.as_deref(),
        Some("2020-01-02T03:04")
    );
    assert_eq!(time_only.meta.title.as_deref(), Some("Plain title"));
    assert_eq!(time_only.meta.authors, ["Ann Poe"]);

    let h1_only = parse_page("<body><h1>Headline  here</h1><p>x</p></body>");
    assert_eq!(h1_only.meta.title.as_deref(), Some("Headline here"));
}

#[test]
fn malformed_html_never_panics_and_keeps_text() {
    let page = parse_page(MALFORMED);
    let all = texts(&page);
    assert_eq!(page.meta.title.as_deref(), Some("Broken \u{fffd} page"));
    for expected in [
        "Head never closed, this is body text.",
        "First para",
        "Second para",
        "one",
        "two",
        "cell a",
        "cell b",
        "cell c",
        "after svg",
    ] {
        assert!(all.contains(&expected), "{expected:?} missing from {all:?}");
    }
    assert!(all
        .iter()
        .any(|t| t.starts_with("Bad bytes \u{fffd}\u{fffd} here")));
    assert!(
        !all.iter().any(|t| t.contains("no")),
        "svg text skipped: {all:?}"
    );
    for b in &page.blocks {
        assert!(b.raw.get(MALFORMED).is_some(), "span on char boundaries");
    }
    // Every prefix of a malformed page parses too (truncated input).
    for end in (0..MALFORMED.len()).filter(|&i| MALFORMED.is_char_boundary(i)) {
        let _ = parse_page(&MALFORMED[..end]);
    }
    for junk in [
        "",
        "<",
        "</",
        "<<>>",
        "</div></div>",
        "<p",
        "&",
        "<!--",
        "<![CDATA[x",
        "\u{fffd}",
    ] {
        let _ = parse_page(junk);
    }
}

#[test]
fn unclosed_list_items_and_cells_are_siblings() {
    let page = parse_page("<ul><li>one<li>two</ul><table><tr><td>a<td>b</table>");
    assert_eq!(texts(&page), ["one", "two", "a", "b"]);
    assert_eq!(
        page.blocks[0].hints.container,
        page.blocks[1].hints.container
    );
    assert_eq!(
        page.blocks[2].hints.container,
        page.blocks[3].hints.container
    );
    assert_eq!(page.blocks[0].hints.depth, page.blocks[1].hints.depth);
}

#[test]
fn pathological_nesting_stays_bounded() {
    // 20,000 unclosed divs, then stray end tags: must finish quickly and keep the text.
    let mut html = "<div>".repeat(20_000);
    html.push_str("deep text");
    html.push_str(&"</p></span>".repeat(5_000));
    html.push_str("<script>var s = '<p>no</p>';</script>after");
    let page = parse_page(&html);
    let all = texts(&page);
    assert_eq!(
        all,
        ["deep textafter"],
        "the script is skipped, its neighbours join"
    );
    assert!(!all.iter().any(|t| t.contains("no")), "{all:?}");
    assert!(page.blocks.iter().all(|b| b.hints.depth as usize <= 513));
}

#[test]
fn duplicate_and_many_attributes() {
    // The first of duplicate attributes wins; hundreds of attributes on one tag are fine.
    let page = parse_page("<div class=comments class=story><p>Reader comment text here.</p></div>");
    assert!(page.blocks[0].hints.class_signal < 0);
    let many: String = (0..300).map(|i| format!(" data-a{i}=x")).collect();
    let page = parse_page(&format!(
        "<p{many} hidden>gone</p><p{many} class=story>kept</p>"
    ));
    assert_eq!(texts(&page), ["kept"]);
}
