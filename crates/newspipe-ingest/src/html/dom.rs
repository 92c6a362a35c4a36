//! One pass over the page: html5gum's spec-compliant tokenizer feeds a stack of open elements
//! that applies the implied end-tag rules of HTML tree construction (an unclosed `p` ends at the
//! next block, `li` closes the previous `li`, a stray `</div>` is ignored, ...). The pass builds a
//! compact arena of elements and cuts the text into raw blocks, each tied to the element that
//! holds it, with exact byte spans.

mod facts;

use super::signals::{class_signal, NameSignal};
use super::tags::{is_head_content, role_landmark, tag_kind, tag_name, TagKind};
use super::text::TextRun;
use facts::Capture;
pub(crate) use facts::PageFacts;
use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span as GumSpan, Tokenizer};
use newspipe_model::Landmark;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// The bytes as text: borrowed when they are valid UTF-8 (always, for a `&str` input).
fn utf8(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

// FNV-1a (the `fnv` crate): fast for the short keys of these small tables.
use fnv::FnvHasher as Fnv;

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Open elements kept at most: deeper start tags add no structure, which bounds the stack
/// searches and ancestor walks on pathological input (real pages stay far below).
const MAX_DEPTH: usize = 512;

/// Attributes looked at on (almost) every start tag: found once while the tag is read instead
/// of by a search per question.
const COMMON_ATTRS: [&str; 6] = ["class", "id", "role", "hidden", "style", "aria-modal"];

/// The slot of `name` in [`COMMON_ATTRS`].
#[inline]
fn common_slot(name: &str) -> Option<usize> {
    match name {
        "class" => Some(0),
        "id" => Some(1),
        "role" => Some(2),
        "hidden" => Some(3),
        "style" => Some(4),
        "aria-modal" => Some(5),
        _ => None,
    }
}

/// Index of the synthetic document root in [`Dom::elements`].
pub(crate) const ROOT: u32 = 0;

/// One element of the page.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    pub name: Cow<'static, str>,
    pub kind: TagKind,
    /// Parent element (the root is its own parent).
    pub parent: u32,
    pub depth: u16,
    /// Byte span of the element's markup (start tag to end tag, or to where it was closed).
    pub start: usize,
    pub end: usize,
    /// Evidence from the element's own `class`/`id` (see [`class_signal`]).
    pub own_signal: i8,
    /// The element's names contain a plain boilerplate word (`comments`, `share`, `cookie`).
    pub boilerplate_name: bool,
    /// The landmark the element is (by tag name or ARIA role).
    pub landmark: Option<Landmark>,
}

/// A run of text cut from the page: the text of one block element, or a part of it between
/// nested blocks and `<br>`s.
#[derive(Debug, Clone)]
pub(crate) struct RawBlock {
    pub text: String,
    /// Non-space characters of the text, and how many of them sit inside links.
    pub chars: u32,
    pub link_chars: u32,
    /// The block element that holds the text.
    pub element: u32,
    /// True when the run is the element's whole text (not split by nested blocks or `<br>`).
    pub whole: bool,
    pub start: usize,
    pub end: usize,
}

/// The result of the pass.
#[derive(Debug, Default)]
pub(crate) struct Dom {
    pub elements: Vec<Element>,
    pub blocks: Vec<RawBlock>,
    pub facts: PageFacts,
}

/// The state of the pass.
struct Builder {
    dom: Dom,
    /// Open elements (indices into `dom.elements`), the root first.
    stack: Vec<u32>,
    /// Open block elements' text runs, innermost last (the root's run first).
    runs: Vec<TextRun>,
    /// Number of open elements whose content is skipped, and open `a` elements.
    skip_depth: u32,
    link_depth: u32,
    /// Number of open `svg`/`math` elements (self-closing syntax counts there).
    foreign_depth: u32,
    captures: Vec<Capture>,
    // The start tag being read.
    tag: String,
    attrs: Vec<(String, String)>,
    attr_count: usize,
    tag_start: usize,
    /// Index in `attrs` of each attribute of [`COMMON_ATTRS`] on the start tag being read.
    common: [Option<u32>; COMMON_ATTRS.len()],
    seen_body: bool,
    /// Per-page caches: element name → (shared name, kind); class/id value → signal.
    tags: FastMap<String, (Cow<'static, str>, TagKind)>,
    names: FastMap<String, NameSignal>,
}

/// Parses `html` into a [`Dom`].
pub(crate) fn build(html: &str) -> Dom {
    let mut builder = Builder::new();
    {
        let mut emitter = CallbackEmitter::new(
            |event: CallbackEvent<'_>, span: GumSpan<usize>| -> Option<()> {
                builder.event(event, span);
                None
            },
        );
        emitter.naively_switch_states(true);
        for _ in Tokenizer::new_with_emitter(html, QuietEmitter(emitter)) {}
    }
    builder.finish(html.len())
}

/// The callback emitter without parse-error reporting: the reader ignores parse errors, and
/// validating every character for them costs a quarter of the parse time.
struct QuietEmitter<F: Callback<(), usize>>(CallbackEmitter<F, (), usize>);

impl<F: Callback<(), usize>> ForwardingEmitter for QuietEmitter<F> {
    type Token = ();

    fn inner(&mut self) -> &mut impl Emitter<Token = ()> {
        &mut self.0
    }

    #[inline]
    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

impl Builder {
    fn new() -> Self {
        let root = Element {
            name: Cow::Borrowed("#document"),
            kind: TagKind {
                block: true,
                special: true,
                scope: true,
                ..TagKind::default()
            },
            parent: ROOT,
            depth: 0,
            start: 0,
            end: 0,
            own_signal: 0,
            boilerplate_name: false,
            landmark: None,
        };
        Builder {
            dom: Dom {
                elements: vec![root],
                ..Dom::default()
            },
            stack: vec![ROOT],
            runs: vec![TextRun::new(ROOT)],
            skip_depth: 0,
            link_depth: 0,
            foreign_depth: 0,
            captures: Vec::new(),
            tag: String::new(),
            attrs: Vec::new(),
            attr_count: 0,
            tag_start: 0,
            common: [None; COMMON_ATTRS.len()],
            seen_body: false,
            tags: FastMap::default(),
            names: FastMap::default(),
        }
    }

    fn event(&mut self, event: CallbackEvent<'_>, span: GumSpan<usize>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag.clear();
                self.tag.push_str(&utf8(name));
                self.attr_count = 0;
                self.tag_start = span.start;
                self.common = [None; COMMON_ATTRS.len()];
            }
            CallbackEvent::AttributeName { name } => {
                if self.attr_count == self.attrs.len() {
                    self.attrs.push((String::new(), String::new()));
                }
                let (n, v) = &mut self.attrs[self.attr_count];
                n.clear();
                n.push_str(&utf8(name));
                v.clear();
                if let (Some(slot), Ok(index)) = (common_slot(n), u32::try_from(self.attr_count)) {
                    // The first of duplicate attributes wins, as in the spec.
                    self.common[slot].get_or_insert(index);
                }
                self.attr_count += 1;
            }
            CallbackEvent::AttributeValue { value } => {
                if self.attr_count > 0 {
                    let v = &mut self.attrs[self.attr_count - 1].1;
                    v.push_str(&utf8(value));
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                self.start_tag(self_closing, span.end);
            }
            CallbackEvent::EndTag { name } => {
                let name = utf8(name);
                self.end_tag(&name, span.start, span.end);
            }
            CallbackEvent::String { value } => {
                self.text(&utf8(value), span.start, span.end);
            }
            CallbackEvent::Comment { .. }
            | CallbackEvent::Doctype { .. }
            | CallbackEvent::Error(_) => {}
        }
    }

    /// The shared name and kind of an element name, cached per page.
    fn tag_info(&mut self, name: &str) -> (Cow<'static, str>, TagKind) {
        if let Some(info) = self.tags.get(name) {
            return info.clone();
        }
        let info = (tag_name(name), tag_kind(name));
        self.tags.insert(name.to_owned(), info.clone());
        info
    }

    /// The signal of the class/id value of attribute `i`, cached per page.
    fn name_signal(&mut self, i: usize) -> NameSignal {
        let value = &self.attrs[i].1;
        if let Some(signal) = self.names.get(value.as_str()) {
            return *signal;
        }
        let signal = class_signal(value);
        self.names.insert(value.clone(), signal);
        signal
    }

    fn attr_index(&self, name: &str) -> Option<usize> {
        if let Some(slot) = common_slot(name) {
            return self.common[slot].map(|i| i as usize);
        }
        self.attrs[..self.attr_count]
            .iter()
            .position(|(n, _)| n == name)
    }

    /// The value of attribute `name` of the start tag being read.
    #[inline]
    fn attr(&self, name: &str) -> Option<&str> {
        if let Some(slot) = common_slot(name) {
            return self.common[slot].map(|i| self.attrs[i as usize].1.as_str());
        }
        self.attrs[..self.attr_count]
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn top(&self) -> &Element {
        &self.dom.elements[*self.stack.last().unwrap_or(&ROOT) as usize]
    }

    fn top_name(&self) -> &str {
        &self.top().name
    }

    /// Position in `stack` of the nearest open element named `name`, searching from the top and
    /// stopping (returning `None`) at an element for which `stop` is true.
    fn find_open(&self, name: &str, stop: impl Fn(&Element) -> bool) -> Option<usize> {
        for (pos, &id) in self.stack.iter().enumerate().skip(1).rev() {
            let el = &self.dom.elements[id as usize];
            if el.name == name {
                return Some(pos);
            }
            if stop(el) {
                return None;
            }
        }
        None
    }

    /// Closes the element at `pos` in the stack and everything opened after it, at byte `at`.
    fn close_to(&mut self, pos: usize, at: usize) {
        while self.stack.len() > pos.max(1) {
            let id = self.stack.pop().unwrap_or(ROOT);
            let el = &mut self.dom.elements[id as usize];
            el.end = at.max(el.start);
            let kind = el.kind;
            if kind.skip {
                self.skip_depth = self.skip_depth.saturating_sub(1);
            }
            if el.name == "a" {
                self.link_depth = self.link_depth.saturating_sub(1);
            }
            if el.name == "svg" || el.name == "math" {
                self.foreign_depth = self.foreign_depth.saturating_sub(1);
            }
            if kind.block && self.skip_depth == 0 && self.runs.len() > 1 {
                self.flush_run(true, at);
                self.runs.pop();
            }
            if self.captures.last().is_some_and(|c| c.element == id) {
                if let Some(capture) = self.captures.pop() {
                    self.store_capture(capture);
                }
            }
        }
    }

    /// Emits the innermost run as a block when it has text. `at_close` says whether the run's
    /// element is closing (a run that is its element's whole text gets the element's span).
    fn flush_run(&mut self, at_close: bool, at: usize) {
        let Some(run) = self.runs.last_mut() else {
            return;
        };
        let element = run.element;
        let whole = at_close && !run.split;
        if let Some((text, chars, link_chars, start, end)) = run.take() {
            let el = &self.dom.elements[element as usize];
            let (start, end) = if whole { (el.start, at) } else { (start, end) };
            self.dom.blocks.push(RawBlock {
                text,
                chars,
                link_chars,
                element,
                whole,
                start,
                end,
            });
        }
    }

    /// Applies the implied end-tag rules for a start tag `name` at byte `at`.
    fn close_implied(&mut self, name: &str, kind: TagKind, at: usize) {
        if kind.closes_p {
            if let Some(pos) = self.find_open("p", |e| e.kind.scope || e.name == "button") {
                self.close_to(pos, at);
            }
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if self.top().kind.heading > 0 => {
                let pos = self.stack.len() - 1;
                self.close_to(pos, at);
            }
            "li" | "dd" | "dt" => {
                let same = |n: &str| match name {
                    "li" => n == "li",
                    _ => n == "dd" || n == "dt",
                };
                for pos in (1..self.stack.len()).rev() {
                    let el = &self.dom.elements[self.stack[pos] as usize];
                    if same(&el.name) {
                        self.close_to(pos, at);
                        break;
                    }
                    if el.kind.special && !matches!(&*el.name, "address" | "div" | "p") {
                        break;
                    }
                }
            }
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" => {
                let targets: &[&str] = match name {
                    "td" | "th" => &["td", "th"],
                    "tr" => &["tr", "td", "th"],
                    _ => &["tbody", "thead", "tfoot", "tr", "td", "th"],
                };
                // The outermost matching element inside the nearest table.
                let mut found = None;
                for pos in (1..self.stack.len()).rev() {
                    let el = &self.dom.elements[self.stack[pos] as usize];
                    if el.name == "table" || el.name == "html" || el.name == "template" {
                        break;
                    }
                    if targets.contains(&&*el.name) {
                        found = Some(pos);
                    }
                }
                if let Some(pos) = found {
                    self.close_to(pos, at);
                }
            }
            "a" => {
                if let Some(pos) = self.find_open("a", |e| e.kind.scope) {
                    self.close_to(pos, at);
                }
            }
            _ => {}
        }
    }

    fn start_tag(&mut self, self_closing: bool, end: usize) {
        let name = std::mem::take(&mut self.tag);
        self.open_element(&name, self_closing, end);
        self.tag = name;
    }

    fn open_element(&mut self, name: &str, self_closing: bool, tag_end: usize) {
        let start = self.tag_start;
        let (shared_name, mut kind) = self.tag_info(name);
        if self.skip_depth == 0 {
            // Content that belongs in the body ends an unclosed head.
            if self.top_name() == "head" && !is_head_content(name) {
                let pos = self.stack.len() - 1;
                self.close_to(pos, start);
            }
            match name {
                "html" | "body" => {
                    if name == "html" && self.dom.facts.lang.is_none() {
                        self.dom.facts.lang = self.attr("lang").map(str::to_owned);
                    }
                    if name == "html" || self.seen_body {
                        return;
                    }
                    self.seen_body = true;
                }
                "br" => {
                    self.flush_run(false, start);
                    if let Some(run) = self.runs.last_mut() {
                        run.split = true;
                    }
                    return;
                }
                _ => {}
            }
            self.close_implied(name, kind, start);
        }
        self.collect_facts(name);
        if kind.void || (self_closing && self.foreign_depth > 0) {
            return;
        }
        // Past the depth limit only elements whose content is skipped still open (their raw
        // text must not become page text); others add no structure.
        if self.stack.len() >= MAX_DEPTH && !kind.skip {
            return;
        }
        if self.is_hidden() {
            kind.skip = true;
        }
        let parent = *self.stack.last().unwrap_or(&ROOT);
        let depth = self.stack.len().min(u16::MAX as usize) as u16;
        let mut own_signal = 0;
        let mut boilerplate_name = false;
        for key in ["class", "id"] {
            if let Some(i) = self.attr_index(key) {
                let names = self.name_signal(i);
                own_signal += names.signal;
                boilerplate_name |= names.boilerplate;
            }
        }
        let landmark = kind
            .landmark
            .or_else(|| self.attr("role").and_then(role_landmark));
        let id = self.dom.elements.len() as u32;
        self.dom.elements.push(Element {
            name: shared_name,
            kind,
            parent,
            depth,
            start,
            end: tag_end,
            own_signal: own_signal.clamp(-2, 2),
            boilerplate_name: (boilerplate_name && own_signal < 0) || self.is_dialog(),
            landmark,
        });
        self.stack.push(id);
        if kind.skip {
            self.skip_depth += 1;
        }
        if name == "a" {
            self.link_depth += 1;
        }
        if name == "svg" || name == "math" {
            self.foreign_depth += 1;
        }
        if kind.block && self.skip_depth == 0 {
            self.flush_run(false, start);
            if let Some(run) = self.runs.last_mut() {
                run.split = true;
            }
            self.runs.push(TextRun::new(id));
        }
        self.start_capture(name, id);
    }

    /// A modal dialog (cookie consent, newsletter pop-up) by ARIA role.
    fn is_dialog(&self) -> bool {
        self.attr("role").is_some_and(|r| {
            r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog")
        }) || self.attr("aria-modal") == Some("true")
    }

    fn is_hidden(&self) -> bool {
        if self.attr("hidden").is_some() {
            return true;
        }
        self.attr("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
    }

    fn end_tag(&mut self, name: &str, start: usize, end: usize) {
        if self.skip_depth > 0 {
            // Inside skipped content only the skipped subtree can close.
            let root = self
                .stack
                .iter()
                .position(|&id| self.dom.elements[id as usize].kind.skip)
                .unwrap_or(1);
            if let Some(pos) = (root..self.stack.len())
                .rev()
                .find(|&pos| self.dom.elements[self.stack[pos] as usize].name == name)
            {
                self.close_to(pos, end);
            }
            return;
        }
        match name {
            "br" => {
                self.tag_start = start;
                self.attr_count = 0;
                self.open_element("br", false, end);
            }
            "html" | "body" => {}
            _ => {
                let kind = self.tag_info(name).1;
                let pos = if kind.special {
                    self.find_open(name, |e| e.kind.scope)
                } else {
                    self.find_open(name, |e| e.kind.special)
                };
                if let Some(pos) = pos {
                    self.close_to(pos, end);
                }
            }
        }
    }

    fn text(&mut self, text: &str, start: usize, end: usize) {
        if let Some(capture) = self.captures.last_mut() {
            capture.text.push_str(text);
        }
        if self.skip_depth > 0 {
            return;
        }
        if self.top_name() == "head" {
            if text.trim().is_empty() {
                return;
            }
            let pos = self.stack.len() - 1;
            self.close_to(pos, start);
        }
        let in_link = self.link_depth > 0;
        if let Some(run) = self.runs.last_mut() {
            run.push(text, in_link, start, end);
        }
    }

    fn finish(mut self, len: usize) -> Dom {
        self.close_to(1, len);
        self.flush_run(false, len);
        while let Some(capture) = self.captures.pop() {
            self.store_capture(capture);
        }
        self.dom.elements[ROOT as usize].end = len;
        self.dom
    }
}
