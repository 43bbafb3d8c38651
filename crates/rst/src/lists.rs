//! Lists: bullet, enumerated, definition and field lists, and line blocks
//! (docutils' `BulletList`, `EnumeratedList`, `DefinitionList`, `FieldList`
//! and `LineBlock` states).

use super::ast::{
    Block, BulletList, DefinitionItem, DefinitionList, EnumeratedList, Enumeration, Field,
    FieldList, Inline, Level, Line, LineBlock, ListItem, Span,
};
use super::blocks::Parser;
use super::lines::{get_indented, Known, Ln};
use super::markers::{self, EnumFormat};

impl Parser {
    /// One list item whose marker ends at byte `end` of `lines[j]`: its
    /// blocks, the index after it, and whether it ended with a blank line.
    fn list_item(&mut self, lines: &[Ln<'_>], j: usize, end: usize) -> (ListItem, usize, bool) {
        let ln = lines[j];
        let known = if ln.text.len() > end {
            Known::Block(end, ln.text[..end].chars().count())
        } else {
            Known::First(end)
        };
        let b = get_indented(lines, j, known, false, true, true);
        let children = self.nested(&b.lines);
        (
            ListItem {
                span: ln.span(),
                children,
            },
            b.end,
            b.blank_finish,
        )
    }

    pub(crate) fn bullet_list(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        bullet: char,
        out: &mut Vec<Block>,
    ) -> usize {
        let mut items = Vec::new();
        let mut j = i;
        let mut blank_finish = true;
        while let Some((c, end)) = lines.get(j).and_then(|l| markers::bullet(l.text)) {
            if c != bullet {
                break;
            }
            let (item, next, finish) = self.list_item(lines, j, end);
            items.push(item);
            blank_finish = finish;
            j = next;
        }
        out.push(Block::BulletList(BulletList {
            bullet,
            items,
            span: lines[i].span(),
        }));
        if !blank_finish {
            self.unindent_warning("Bullet list", lines.get(j));
        }
        j
    }

    /// An enumerated list, or `None` when the first line is not a valid
    /// item (then it is text).
    pub(crate) fn enumerated_list(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        out: &mut Vec<Block>,
    ) -> Option<usize> {
        let first = markers::enumerator(lines[i].text)?;
        let (seq, ordinal) = sequence_of(first.text, None);
        if !is_item(lines, i, ordinal, seq, first.format) {
            return None;
        }
        let ordinal = ordinal?;
        let enumtype = match seq {
            Seq::Auto => Enumeration::Arabic,
            Seq::Enum(e) => e,
        };
        if ordinal != 1 {
            self.report(
                Level::Info,
                "enumerated-list-start",
                format!(
                    "Enumerated list start value not ordinal-1: \"{}\" (ordinal {ordinal})",
                    first.text
                ),
                lines[i].span(),
            );
        }
        let (item, mut j, mut blank_finish) = self.list_item(lines, i, first.end);
        let mut items = vec![item];
        let mut auto = seq == Seq::Auto;
        let mut last = ordinal;
        while let Some(e) = lines.get(j).and_then(|l| markers::enumerator(l.text)) {
            let (s, o) = sequence_of(e.text, Some(enumtype));
            let fits = match s {
                Seq::Auto => true,
                Seq::Enum(t) => t == enumtype && !auto && o == Some(last + 1),
            };
            if e.format != first.format || !fits || !is_item(lines, j, o, s, e.format) {
                break;
            }
            auto |= s == Seq::Auto;
            let (item, next, finish) = self.list_item(lines, j, e.end);
            items.push(item);
            blank_finish = finish;
            j = next;
            last = o.unwrap_or(last + 1);
        }
        out.push(Block::EnumeratedList(Box::new(EnumeratedList {
            enumtype,
            start: ordinal,
            prefix: first.format.prefix().to_string(),
            suffix: first.format.suffix().to_string(),
            items,
            span: lines[i].span(),
        })));
        if !blank_finish {
            self.unindent_warning("Enumerated list", lines.get(j));
        }
        Some(j)
    }

    /// A definition list: a term line directly followed by an indented
    /// definition, repeated.
    pub(crate) fn definition_list(
        &mut self,
        lines: &[Ln<'_>],
        i: usize,
        out: &mut Vec<Block>,
    ) -> usize {
        let mut items = Vec::new();
        let mut j = i;
        let blank_finish = loop {
            let term_line = lines[j];
            let b = get_indented(lines, j + 1, Known::None, false, true, true);
            if term_line.text.ends_with("::") {
                let span = lines[j + 1].trim_start().span();
                self.report(
                    Level::Info,
                    "definition-list-literal",
                    "Blank line missing before literal block (after the \"::\")? Interpreted as a definition list item.",
                    span,
                );
            }
            let inlines = self.inlines(&[term_line]);
            let (term, classifiers) = split_classifiers(inlines);
            let definition = self.nested(&b.lines);
            items.push(DefinitionItem {
                term,
                classifiers,
                definition,
                span: term_line.span(),
            });
            j = b.end;
            let next_is_item = lines
                .get(j)
                .is_some_and(|l| !markers::starts_construct(l.text))
                && lines
                    .get(j + 1)
                    .is_some_and(|l| !l.is_blank() && l.is_indented());
            if !next_is_item {
                break b.blank_finish;
            }
        };
        out.push(Block::DefinitionList(DefinitionList {
            items,
            span: lines[i].span(),
        }));
        if !blank_finish {
            self.unindent_warning("Definition list", lines.get(j));
        }
        j
    }

    pub(crate) fn field_list(&mut self, lines: &[Ln<'_>], i: usize, out: &mut Vec<Block>) -> usize {
        let mut fields = Vec::new();
        let mut j = i;
        let mut blank_finish = true;
        while let Some((name, end)) = lines.get(j).and_then(|l| markers::field_marker(l.text)) {
            let ln = lines[j];
            let name_ln = Ln {
                text: name,
                line: ln.line,
                col: ln.col + 1,
            };
            let name_inlines = self.inlines(&[name_ln]);
            let name_text = super::plain_text(&name_inlines);
            let b = get_indented(lines, j, Known::First(end), false, true, true);
            let body = self.nested(&b.lines);
            fields.push(Field {
                name: name_inlines,
                name_text,
                body,
                span: ln.span(),
            });
            blank_finish = b.blank_finish;
            j = b.end;
        }
        out.push(Block::FieldList(FieldList {
            fields,
            span: lines[i].span(),
        }));
        if !blank_finish {
            self.unindent_warning("Field list", lines.get(j));
        }
        j
    }

    /// Lines starting with `| `; continuation lines are indented.
    pub(crate) fn line_block(&mut self, lines: &[Ln<'_>], i: usize, out: &mut Vec<Block>) -> usize {
        let mut block = Vec::new();
        let mut j = i;
        let mut blank_finish = false;
        let mut previous_indent = 0;
        while let Some((spaces, end)) = lines.get(j).and_then(|l| markers::line_block(l.text)) {
            let b = get_indented(lines, j, Known::First(end), true, true, true);
            let inlines = if b.lines.is_empty() {
                Vec::new()
            } else {
                self.inlines(&b.lines)
            };
            let indent = if lines[j].text.len() > 1 {
                spaces.saturating_sub(1) as u32
            } else {
                previous_indent
            };
            previous_indent = indent;
            block.push(Line {
                inlines,
                indent,
                span: lines[j].skip(end).span(),
            });
            blank_finish = b.blank_finish;
            j = b.end;
            if blank_finish {
                break;
            }
        }
        out.push(Block::LineBlock(LineBlock {
            lines: block,
            span: lines[i].span(),
        }));
        if !blank_finish {
            let span = Span::new(lines[i].line + 1, 1);
            self.report(
                Level::Warning,
                "unexpected-unindent",
                "Line block ends without a blank line.",
                span,
            );
        }
        j
    }
}

/// An enumeration sequence, or `#` (auto-numbered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seq {
    Auto,
    Enum(Enumeration),
}

/// docutils' `parse_enumerator`: the sequence of an enumerator text (the
/// expected one first, `i`/`I` as roman) and its ordinal (`None` when not a
/// valid roman numeral).
fn sequence_of(text: &str, expected: Option<Enumeration>) -> (Seq, Option<u32>) {
    if text == "#" {
        return (Seq::Auto, Some(1));
    }
    let matches = |e: Enumeration| match e {
        Enumeration::Arabic => text.bytes().all(|b| b.is_ascii_digit()),
        Enumeration::LowerAlpha => text.len() == 1 && text.bytes().all(|b| b.is_ascii_lowercase()),
        Enumeration::UpperAlpha => text.len() == 1 && text.bytes().all(|b| b.is_ascii_uppercase()),
        Enumeration::LowerRoman => text.bytes().all(|b| b"ivxlcdm".contains(&b)),
        Enumeration::UpperRoman => text.bytes().all(|b| b"IVXLCDM".contains(&b)),
    };
    let seq = match expected.filter(|&e| matches(e)) {
        Some(e) => e,
        None if expected.is_none() && text == "i" => Enumeration::LowerRoman,
        None if expected.is_none() && text == "I" => Enumeration::UpperRoman,
        None => [
            Enumeration::Arabic,
            Enumeration::LowerAlpha,
            Enumeration::UpperAlpha,
            Enumeration::LowerRoman,
            Enumeration::UpperRoman,
        ]
        .into_iter()
        .find(|&e| matches(e))
        .unwrap_or(Enumeration::Arabic),
    };
    let ordinal = match seq {
        Enumeration::Arabic => text.parse().ok(),
        Enumeration::LowerAlpha | Enumeration::UpperAlpha => text
            .bytes()
            .next()
            .map(|b| u32::from(b.to_ascii_lowercase() - b'a' + 1)),
        Enumeration::LowerRoman | Enumeration::UpperRoman => from_roman(text),
    };
    (Seq::Enum(seq), ordinal)
}

/// docutils' `is_enumerated_list_item`: a valid ordinal, and the next line
/// is missing, blank, indented, or starts with the next enumerator.
fn is_item(lines: &[Ln<'_>], i: usize, ordinal: Option<u32>, seq: Seq, format: EnumFormat) -> bool {
    let Some(ordinal) = ordinal else {
        return false;
    };
    let Some(next) = lines.get(i + 1) else {
        return true;
    };
    if next.is_blank() || next.is_indented() {
        return true;
    }
    let Some(enumerator) = make_enumerator(ordinal + 1, seq) else {
        return false;
    };
    let (p, s) = (format.prefix(), format.suffix());
    next.text.starts_with(&format!("{p}{enumerator}{s} "))
        || next.text.starts_with(&format!("{p}#{s} "))
}

/// The enumerator text of `ordinal` in `seq`, if representable.
fn make_enumerator(ordinal: u32, seq: Seq) -> Option<String> {
    Some(match seq {
        Seq::Auto => "#".to_string(),
        Seq::Enum(Enumeration::Arabic) => ordinal.to_string(),
        Seq::Enum(Enumeration::LowerAlpha) if ordinal <= 26 => {
            char::from(b'a' + (ordinal - 1) as u8).to_string()
        }
        Seq::Enum(Enumeration::UpperAlpha) if ordinal <= 26 => {
            char::from(b'A' + (ordinal - 1) as u8).to_string()
        }
        Seq::Enum(Enumeration::LowerRoman) => to_roman(ordinal)?.to_lowercase(),
        Seq::Enum(Enumeration::UpperRoman) => to_roman(ordinal)?,
        Seq::Enum(_) => return None,
    })
}

const ROMAN: [(u32, &str); 13] = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
];

fn to_roman(mut n: u32) -> Option<String> {
    if n == 0 || n > 4999 {
        return None;
    }
    let mut s = String::new();
    for (v, r) in ROMAN {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    Some(s)
}

/// A canonical roman numeral's value.
fn from_roman(text: &str) -> Option<u32> {
    let upper = text.to_ascii_uppercase();
    let mut rest = upper.as_str();
    let mut n = 0;
    for (v, r) in ROMAN {
        while let Some(after) = rest.strip_prefix(r) {
            n += v;
            rest = after;
        }
    }
    (rest.is_empty() && to_roman(n).as_deref() == Some(upper.as_str())).then_some(n)
}

/// Split a definition term's text nodes at ` : ` into term and classifiers.
fn split_classifiers(inlines: Vec<Inline>) -> (Vec<Inline>, Vec<Vec<Inline>>) {
    let mut term = Vec::new();
    let mut classifiers: Vec<Vec<Inline>> = Vec::new();
    for inline in inlines {
        let Inline::Text { text, span } = &inline else {
            match classifiers.last_mut() {
                Some(c) => c.push(inline),
                None => term.push(inline),
            }
            continue;
        };
        let parts = split_spaced_colon(text);
        if parts.len() == 1 {
            match classifiers.last_mut() {
                Some(c) => c.push(inline),
                None => term.push(inline),
            }
            continue;
        }
        let head = Inline::Text {
            text: parts[0].trim_end().to_string(),
            span: *span,
        };
        match classifiers.last_mut() {
            Some(c) => c.push(head),
            None => term.push(head),
        }
        for part in &parts[1..] {
            classifiers.push(vec![Inline::Text {
                text: part.to_string(),
                span: *span,
            }]);
        }
    }
    (term, classifiers)
}

/// Split at every ` +: +` (docutils' classifier delimiter).
fn split_spaced_colon(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b':' && i > start && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' ') {
            let left = s[start..i].trim_end_matches(' ');
            let mut k = i + 1;
            while b.get(k) == Some(&b' ') {
                k += 1;
            }
            parts.push(left);
            start = k;
            i = k;
            continue;
        }
        i += 1;
    }
    parts.push(&s[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumerators() {
        assert_eq!(
            sequence_of("i", None),
            (Seq::Enum(Enumeration::LowerRoman), Some(1))
        );
        assert_eq!(
            sequence_of("v", None),
            (Seq::Enum(Enumeration::LowerAlpha), Some(22))
        );
        assert_eq!(
            sequence_of("ii", None),
            (Seq::Enum(Enumeration::LowerRoman), Some(2))
        );
        assert_eq!(sequence_of("iiii", None).1, None);
        assert_eq!(
            make_enumerator(4, Seq::Enum(Enumeration::UpperRoman)).as_deref(),
            Some("IV")
        );
        assert_eq!(
            split_spaced_colon("term 2 : classifier"),
            ["term 2", "classifier"]
        );
        assert_eq!(split_spaced_colon("a: b"), ["a: b"]);
    }
}
