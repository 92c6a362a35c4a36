//! Page metadata from `<meta>` tags, JSON-LD, `<time>`, `<link>` and the page's headings.

use super::dom::PageFacts;
use newspipe_model::Meta;
use serde_json::Value;

/// JSON-LD facts about the article.
#[derive(Debug, Default)]
struct JsonLdArticle {
    headline: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
}

/// Builds the page's [`Meta`] from collected facts; `first_h1` is the text of the first `h1`.
pub(crate) fn page_meta(facts: &PageFacts, first_h1: Option<&str>) -> Meta {
    let meta_value = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|key| {
            facts
                .metas
                .iter()
                .find(|(k, v)| k == key && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    let ld = json_ld_article(&facts.json_ld);
    let site = meta_value(&["og:site_name", "application-name"]).or(ld.publisher.clone());
    let url = facts
        .canonical
        .clone()
        .filter(|u| !u.is_empty())
        .or_else(|| meta_value(&["og:url"]));

    let title = meta_value(&["og:title", "twitter:title"])
        .or(ld.headline.clone())
        .or_else(|| facts.title.clone().filter(|t| !t.is_empty()))
        .or_else(|| first_h1.map(str::to_owned))
        .map(|t| strip_site_suffix(&t, site.as_deref(), url.as_deref()));

    let published = meta_value(&[
        "article:published_time",
        "article:published",
        "datepublished",
        "og:article:published_time",
    ])
    .or(ld.published.clone())
    .or_else(|| {
        meta_value(&[
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date.issued",
            "dc.date",
            "sailthru.date",
            "parsely-pub-date",
        ])
    })
    .or_else(|| facts.times.first().cloned())
    .and_then(|d| normalize_date(&d));

    let mut authors = Vec::new();
    let mut add = |name: &str| {
        let name = clean_author(name);
        if !name.is_empty()
            && !authors
                .iter()
                .any(|a: &String| a.eq_ignore_ascii_case(&name))
        {
            authors.push(name);
        }
    };
    for (k, v) in &facts.metas {
        if matches!(
            k.as_str(),
            "author" | "parsely-author" | "sailthru.author" | "byl"
        ) && !v.contains("://")
        {
            for part in split_names(v) {
                add(part);
            }
        }
    }
    for a in &ld.authors {
        add(a);
    }
    for a in &facts.author_links {
        add(a);
    }

    let language = facts
        .lang
        .clone()
        .or_else(|| meta_value(&["og:locale", "content-language", "language"]))
        .and_then(|l| {
            let primary = l.trim().split(['-', '_']).next()?.to_ascii_lowercase();
            (primary.len() == 2 || primary.len() == 3).then_some(primary)
        });

    Meta {
        title: title.filter(|t| !t.is_empty()),
        subtitle: None,
        published,
        authors,
        url,
        site,
        language,
    }
}

/// Removes a trailing (or leading) " | Site" part when it is clearly the site's name.
fn strip_site_suffix(title: &str, site: Option<&str>, url: Option<&str>) -> String {
    let title = title.trim();
    let host = url
        .and_then(|u| u.split("//").nth(1))
        .and_then(|rest| rest.split('/').next())
        .map(|h| h.trim_start_matches("www.").to_ascii_lowercase());
    let is_site = |part: &str| {
        let p = part.trim().to_ascii_lowercase();
        if p.is_empty() {
            return false;
        }
        let squashed: String = p.chars().filter(|c| c.is_alphanumeric()).collect();
        site.is_some_and(|s| {
            let s = s.trim().to_ascii_lowercase();
            s == p
                || s.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
                    == squashed
        }) || host.as_deref().is_some_and(|h| {
            h == p || (squashed.len() >= 3 && h.replace('.', "").starts_with(&squashed))
        })
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if is_site(tail) && !head.trim().is_empty() {
                return head.trim().to_owned();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if is_site(head) && !tail.trim().is_empty() {
                return tail.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// Normalises a date to ISO 8601 as given: `2019-11-19 10:00:00` becomes `2019-11-19T10:00:00`;
/// values that do not start with a `YYYY-MM-DD` date are dropped.
pub(crate) fn normalize_date(value: &str) -> Option<String> {
    let v = value.trim();
    let b = v.as_bytes();
    let is_date = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if !is_date {
        return None;
    }
    let mut out = v.to_owned();
    if b.len() > 11 && b[10] == b' ' && b[11].is_ascii_digit() {
        out.replace_range(10..11, "T");
    }
    Some(out)
}

/// Trims a byline to a name ("By Jane Doe" → "Jane Doe").
fn clean_author(name: &str) -> String {
    let name = super::text::fold_whitespace(name);
    let lower = name.to_ascii_lowercase();
    let name = if lower.starts_with("by ") {
        &name[3..]
    } else {
        &name[..]
    };
    name.trim_matches(|c: char| c == ',' || c.is_whitespace())
        .to_owned()
}

/// Splits "A, B and C" into names.
fn split_names(value: &str) -> impl Iterator<Item = &str> {
    value
        .split([',', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

fn json_ld_article(scripts: &[String]) -> JsonLdArticle {
    let mut out = JsonLdArticle::default();
    for script in scripts {
        let Ok(value) = serde_json::from_str::<Value>(script.trim()) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                    if is_article_type(map.get("@type")) {
                        read_article(map, &mut out);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn is_article_type(t: Option<&Value>) -> bool {
    let matches = |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report";
    match t {
        Some(Value::String(s)) => matches(s),
        Some(Value::Array(a)) => a.iter().any(|v| v.as_str().is_some_and(matches)),
        _ => false,
    }
}

fn read_article(map: &serde_json::Map<String, Value>, out: &mut JsonLdArticle) {
    if out.headline.is_none() {
        out.headline = map
            .get("headline")
            .and_then(Value::as_str)
            .map(str::to_owned);
    }
    if out.published.is_none() {
        out.published = map
            .get("datePublished")
            .and_then(Value::as_str)
            .map(str::to_owned);
    }
    if out.publisher.is_none() {
        out.publisher = map
            .get("publisher")
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str)
            .map(str::to_owned);
    }
    if out.authors.is_empty() {
        if let Some(author) = map.get("author") {
            let items: Vec<&Value> = match author {
                Value::Array(a) => a.iter().collect(),
                other => vec![other],
            };
            for item in items {
                let name = match item {
                    Value::String(s) => Some(s.as_str()),
                    Value::Object(o) => o.get("name").and_then(Value::as_str),
                    _ => None,
                };
                if let Some(name) = name.filter(|n| !n.contains("://")) {
                    out.authors.push(name.to_owned());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_normalised() {
        assert_eq!(
            normalize_date("2019-11-19 10:00:00").as_deref(),
            Some("2019-11-19T10:00:00")
        );
        assert_eq!(
            normalize_date(" 2019-11-19T10:00:00+00:00").as_deref(),
            Some("2019-11-19T10:00:00+00:00")
        );
        assert_eq!(normalize_date("Nov 19, 2019"), None);
    }

    #[test]
    fn site_suffix_only_when_site() {
        let site = Some("The Daily Planet");
        assert_eq!(
            strip_site_suffix("Hero saves city | The Daily Planet", site, None),
            "Hero saves city"
        );
        assert_eq!(
            strip_site_suffix("Hero saves city - a story | Daily", site, None),
            "Hero saves city - a story | Daily"
        );
        assert_eq!(
            strip_site_suffix(
                "Rain - BBC News",
                None,
                Some("https://www.bbc.co.uk/news/x")
            ),
            "Rain - BBC News",
            "not clearly the site: kept"
        );
        assert_eq!(
            strip_site_suffix("Rain | BBC", None, Some("https://www.bbc.co.uk/news/x")),
            "Rain"
        );
    }

    #[test]
    fn authors_split_and_cleaned() {
        let names: Vec<_> = split_names("Jane Doe and John Roe, Ann Poe").collect();
        assert_eq!(names, ["Jane Doe", "John Roe", "Ann Poe"]);
        assert_eq!(clean_author(" By  Jane Doe "), "Jane Doe");
    }
}
