//! Corpus boilerplate learning: a footer sentence that reads like prose survives the single-page
//! rules, but a site profile learnt over the site's pages removes it.

use newspipe_cleanup::{Cleaner, CleanerConfig, ProfileBuilder, ProfileOptions, SiteProfile};
use newspipe_model::{BlockVerdict, Document, ParagraphKind, Source};
use std::sync::Arc;

const FOOTER: &str = "This story was produced in partnership with the Valley Press Foundation, \
    which supports independent local reporting in the region.";

const STORIES: [[&str; 3]; 4] = [
    [
        "Council approves new bridge over the river",
        "The city council voted on Tuesday to fund a new pedestrian bridge across the river, ending a debate that has lasted for more than a decade.",
        "Construction is expected to begin next spring, and the bridge should open to walkers and cyclists by the end of the following year.",
    ],
    [
        "Local bakery wins regional bread award",
        "A family bakery on Main Street has won the regional bread award for the second time, beating more than forty other entries from across the valley.",
        "The owners said they would use the prize money to train two new apprentices and to repair the oven that their grandfather built.",
    ],
    [
        "School district hires more bus drivers",
        "The school district has hired twelve new bus drivers after months of delays that left some children waiting for an hour in the cold.",
        "Officials said that every route would run on time from next week, although two rural routes will keep their earlier pick-up times.",
    ],
    [
        "Library extends its weekend opening hours",
        "The public library will open on Sundays from next month, after a survey found that most residents could not visit during the week.",
        "The longer hours are paid for by a grant from the county, which will also buy new computers for the reading room on the first floor.",
    ],
];

fn page(i: usize) -> Document {
    let [title, p1, p2] = STORIES[i];
    let text = format!("Home\nNews\nSport\n\n{title}\n\n{p1}\n\n{p2}\n\n{FOOTER}\n\nContact us\n");
    let mut doc = Document::from_text(
        format!("p{i}"),
        Source::new(format!("valley/{i}.txt"), "txt", 0),
        text,
    );
    doc.meta.url = Some(format!("https://www.valleypress.example/news/{i}"));
    doc
}

fn body(doc: &Document) -> Vec<&str> {
    doc.paragraphs_of(ParagraphKind::Body)
        .map(|p| doc.span_text(p.span))
        .collect()
}

#[test]
fn single_page_rules_keep_the_footer() {
    let mut doc = page(0);
    Cleaner::new(CleanerConfig::default()).clean(&mut doc);
    assert!(body(&doc).contains(&FOOTER), "{:?}", body(&doc));
}

#[test]
fn site_profile_removes_the_recurring_footer() {
    let mut builder = ProfileBuilder::default();
    for i in 0..STORIES.len() {
        builder.add(&page(i));
    }
    let profile = builder.build(&ProfileOptions::default());
    // Saved and loaded again, as a later run would.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("profile.json");
    profile.save(&path).unwrap();
    let profile = SiteProfile::load(&path).unwrap();
    assert!(profile.is_recurring("valleypress.example", FOOTER));

    let cleaner = Cleaner::new(CleanerConfig {
        profile: Some(Arc::new(profile)),
        ..CleanerConfig::default()
    });
    for (i, story) in STORIES.iter().enumerate() {
        let mut doc = page(i);
        cleaner.clean(&mut doc);
        let body = body(&doc);
        assert_eq!(body, &story[1..], "page {i}");
        let footer = doc.blocks.iter().find(|b| b.text == FOOTER).unwrap();
        assert_eq!(
            footer.verdict,
            Some(BlockVerdict::boilerplate(
                "recurs on many pages of the site"
            ))
        );
    }
}

#[test]
fn profile_of_another_site_changes_nothing() {
    let mut builder = ProfileBuilder::default();
    for i in 0..STORIES.len() {
        let mut doc = page(i);
        doc.meta.url = Some(format!("https://other.example/{i}"));
        builder.add(&doc);
    }
    let cleaner = Cleaner::new(CleanerConfig {
        profile: Some(Arc::new(builder.build(&ProfileOptions::default()))),
        ..CleanerConfig::default()
    });
    let mut doc = page(1);
    cleaner.clean(&mut doc);
    assert!(body(&doc).contains(&FOOTER));
}
