//! Section titles (docutils' `Line` state and `Text.underline`): adornment
//! styles ranked by first appearance, level checks, docutils/Sphinx ids and
//! names, and the nesting of the flat top-level block list into sections.

use super::ast::{Block, Level, Section, Span};
use super::blocks::Parser;
use super::lines::Ln;
use super::markers;
use rustc_hash::{FxHashMap, FxHashSet};

/// A title adornment style: underline only, or overline and underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Under(char),
    Over(char),
}

/// Per-document section bookkeeping.
#[derive(Debug, Default)]
pub(crate) struct Sections {
    /// Styles in order of first appearance: index + 1 is the level.
    styles: Vec<Style>,
    /// Level of the section the reader is in (0 = document).
    depth: u32,
    /// Every id handed out so far.
    ids: FxHashSet<String>,
    /// Every target name seen so far (explicit labels and titles).
    names: FxHashSet<String>,
    /// The id given to each internal label, by normalised name.
    label_ids: FxHashMap<String, String>,
    /// Sphinx's `auto_id_prefix='id'` counter.
    counter: u32,
}

impl Sections {
    /// The level of a new title with `style`, or the docutils error text
    /// when the style would skip a level (the title is then dropped).
    pub fn level_for(&mut self, style: Style) -> Result<u32, String> {
        let old = self.depth;
        let new = match self.styles.iter().position(|s| *s == style) {
            Some(i) => i as u32 + 1,
            None => self.styles.len() as u32 + 1,
        };
        if new > old + 1 {
            return Err(format!(
                "Inconsistent title style: skip from level {old} to {new}."
            ));
        }
        if new as usize > self.styles.len() {
            self.styles.push(style);
        }
        self.depth = new;
        Ok(new)
    }

    /// Register an explicit target (`.. _name:`) and return its id.
    pub fn add_label(&mut self, name: &str) -> String {
        let id = self.fresh_id(make_id(name));
        self.names.insert(name.to_string());
        self.label_ids.insert(name.to_string(), id.clone());
        id
    }

    /// The id a label was given, if it was registered.
    pub fn label_id(&self, name: &str) -> Option<&str> {
        self.label_ids.get(name).map(String::as_str)
    }

    /// Register a section title's implicit target: its id, and whether the
    /// name was already taken (docutils' "Duplicate implicit target name").
    pub fn add_title(&mut self, name: &str) -> (String, bool) {
        let duplicate = !self.names.insert(name.to_string());
        (self.fresh_id(make_id(name)), duplicate)
    }

    /// `wanted` if free, else the next `idN`.
    fn fresh_id(&mut self, wanted: String) -> String {
        let id = if wanted.is_empty() || self.ids.contains(&wanted) {
            loop {
                self.counter += 1;
                let candidate = format!("id{}", self.counter);
                if !self.ids.contains(&candidate) {
                    break candidate;
                }
            }
        } else {
            wanted
        };
        self.ids.insert(id.clone());
        id
    }
}

/// docutils' `make_id`: lower-case, accents folded, runs of other
/// characters turned into one `-`, leading digits/hyphens and trailing
/// hyphens removed.
pub(crate) fn make_id(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    let mut push = |c: char| {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            if !(out.is_empty() && c.is_ascii_digit()) {
                out.push(c);
            }
        } else if c.is_ascii() || c.is_whitespace() {
            pending_dash = true;
        }
        // Other non-ASCII characters vanish (NFKD + ASCII encoding).
    };
    for c in name.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase()
                .for_each(|l| push(fold_accent(l).unwrap_or(l)));
        }
    }
    out
}

/// The ASCII base letter of common accented Latin letters.
fn fold_accent(c: char) -> Option<char> {
    Some(match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' | 'į' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ō' | 'ő' | 'ø' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        _ => return None,
    })
}

/// Nest the flat top-level list: each `Section` in it is a title (no
/// children yet); the blocks after it, up to the next title of the same or
/// a higher level, become its children.
pub(crate) fn nest(flat: Vec<Block>) -> Vec<Block> {
    let mut root: Vec<Block> = Vec::new();
    // Open sections stay in the boxes the parser made them in: a section
    // is moved, not copied out and boxed again, when it closes.
    #[allow(clippy::vec_box)] // the boxes are the ones the blocks keep
    let mut stack: Vec<Box<Section>> = Vec::new();
    #[allow(clippy::vec_box)]
    fn close(stack: &mut Vec<Box<Section>>, root: &mut Vec<Block>) {
        if let Some(done) = stack.pop() {
            match stack.last_mut() {
                Some(parent) => parent.children.push(Block::Section(done)),
                None => root.push(Block::Section(done)),
            }
        }
    }
    for block in flat {
        match block {
            Block::Section(s) => {
                while stack.last().is_some_and(|open| open.level >= s.level) {
                    close(&mut stack, &mut root);
                }
                stack.push(s);
            }
            other => match stack.last_mut() {
                Some(open) => open.children.push(other),
                None => root.push(other),
            },
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut root);
    }
    root
}

impl Parser {
    /// A line of one repeated punctuation character: transition or
    /// overline of a title (docutils' `Line` state), or text.
    pub(crate) fn line(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        top: bool,
        out: &mut Vec<Block>,
    ) -> usize {
        let ln = lines[i];
        let len = ln.text.chars().count();
        if !top {
            if ln.text == "::" {
                return self.text(lines, i, top, out);
            }
            if len < 4 {
                self.report(
                    Level::Info,
                    "short-overline",
                    "Unexpected possible title overline or transition.\nTreating it as ordinary text because it's so short.",
                    ln.span(),
                );
                return self.text(lines, i, top, out);
            }
            self.report(
                Level::Error,
                "unexpected-title",
                "Unexpected section title or transition.",
                ln.span(),
            );
            return i + 1;
        }
        let next = lines.get(i + 1);
        if next.is_none_or(Ln::is_blank) {
            if len < 4 {
                return self.text(lines, i, top, out);
            }
            out.push(Block::Transition(ln.span()));
            return i + 1;
        }
        let title = lines[i + 1];
        let short = len < 4;
        let short_overline = |p: &mut Parser| {
            p.report(
                Level::Info,
                "short-overline",
                "Possible incomplete section title.\nTreating the overline as ordinary text because it's so short.",
                ln.span(),
            );
        };
        if markers::adornment(title.text).is_some() {
            if short {
                short_overline(self);
                return self.text(lines, i, top, out);
            }
            self.report(
                Level::Error,
                "invalid-title",
                "Invalid section title or transition marker.",
                ln.span(),
            );
            return i + 2;
        }
        let Some(under) = lines.get(i + 2) else {
            if short {
                short_overline(self);
                return self.text(lines, i, top, out);
            }
            self.report(
                Level::Error,
                "incomplete-title",
                "Incomplete section title.",
                ln.span(),
            );
            return i + 2;
        };
        let failure = if markers::adornment(under.text).is_none() {
            Some((
                "missing-underline",
                "Missing matching underline for section title overline.",
            ))
        } else if under.text != ln.text {
            Some(("title-mismatch", "Title overline & underline mismatch."))
        } else {
            None
        };
        if let Some((code, text)) = failure {
            if short {
                short_overline(self);
                return self.text(lines, i, top, out);
            }
            self.report(Level::Error, code, text, ln.span());
            return i + 3;
        }
        if title_width(title.text) > len {
            if short {
                short_overline(self);
                return self.text(lines, i, top, out);
            }
            self.report(
                Level::Warning,
                "title-overline-too-short",
                "Title overline too short.",
                ln.span(),
            );
        }
        let c = ln.text.chars().next().unwrap_or('=');
        self.section(title.trim_start(), Style::Over(c), *under, out);
        i + 3
    }

    /// A text line followed by an adornment line.
    pub(crate) fn underlined(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        top: bool,
        out: &mut Vec<Block>,
    ) -> usize {
        let title = lines[i];
        let under = lines[i + 1];
        let under_len = under.text.chars().count();
        if title_width(title.text) > under_len {
            if under_len < 4 {
                if top {
                    self.report(
                        Level::Info,
                        "short-underline",
                        "Possible title underline, too short for the title.\nTreating it as ordinary text because it's so short.",
                        under.span(),
                    );
                }
                return self.paragraph_block(lines, i, out);
            }
            self.report(
                Level::Warning,
                "title-underline-too-short",
                "Title underline too short.",
                under.span(),
            );
        }
        if !top {
            self.report(
                Level::Error,
                "unexpected-title",
                "Unexpected section title.",
                under.span(),
            );
            return i + 2;
        }
        let c = under.text.chars().next().unwrap_or('=');
        self.section(title, Style::Under(c), under, out);
        i + 2
    }

    /// Open a section titled `title` (checked against the style hierarchy);
    /// `under` is its underline, where docutils reports duplicate names.
    fn section(&mut self, title: Ln<'_>, style: Style, under: Ln<'_>, out: &mut Vec<Block>) {
        let level = match self.sections.level_for(style) {
            Ok(level) => level,
            Err(text) => {
                self.report(Level::Error, "inconsistent-title-style", text, title.span());
                return;
            }
        };
        let inlines = self.inlines(&[title]);
        let title_text = super::plain_text(&inlines);
        let name = crate::normalize_name(&title_text);
        let mut ids: Vec<String> = Vec::new();
        for b in out.iter().rev() {
            match b {
                Block::Target(t) if t.uri.is_none() && !t.name.is_empty() => {
                    if let Some(id) = self.sections.label_id(&t.name) {
                        ids.insert(0, id.to_string());
                    }
                }
                _ => break,
            }
        }
        let (id, duplicate) = self.sections.add_title(&name);
        if duplicate {
            self.report(
                Level::Info,
                "duplicate-implicit-target",
                format!("Duplicate implicit target name: \"{name}\"."),
                Span::new(under.line, 1),
            );
        }
        ids.push(id);
        out.push(Block::Section(Box::new(Section {
            title: inlines,
            title_text,
            level,
            ids,
            span: title.span(),
            children: Vec::new(),
        })));
    }
}

/// docutils' `column_width`: characters, combining marks counting zero and
/// East Asian wide characters two.
pub(crate) fn title_width(t: &str) -> usize {
    if t.is_ascii() {
        return t.len();
    }
    t.chars()
        .map(|c| match c as u32 {
            0x0300..=0x036F => 0,
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(make_id("appliance_create"), "appliance-create");
        assert_eq!(make_id("Create  image!"), "create-image");
        assert_eq!(make_id("200 OK"), "ok");
        assert_eq!(make_id("Café"), "cafe");
        let mut s = Sections::default();
        assert_eq!(s.add_label("appliance-create"), "appliance-create");
        assert_eq!(s.add_title("appliance_create"), ("id1".to_string(), false));
        assert_eq!(s.add_title("request"), ("request".to_string(), false));
        assert_eq!(s.add_title("request"), ("id2".to_string(), true));
    }

    #[test]
    fn levels() {
        let mut s = Sections::default();
        assert_eq!(s.level_for(Style::Under('=')), Ok(1));
        assert_eq!(s.level_for(Style::Under('-')), Ok(2));
        assert!(s.level_for(Style::Under('~')).is_ok());
        assert_eq!(s.level_for(Style::Under('=')), Ok(1));
        assert_eq!(
            s.level_for(Style::Under('~')),
            Err("Inconsistent title style: skip from level 1 to 3.".into())
        );
    }
}
