//! The reStructuredText document tree.
//!
//! The shapes follow docutils' doctree (section, paragraph, bullet_list,
//! directive, table, ...) closely enough that a docutils `pformat()` tree can
//! be compared by eye, but only the node kinds API reference pages use are
//! modelled. Every node carries the [`Span`] of its first source character so
//! later stages can report `file:line:col`.

use serde::Serialize;

/// A source position: 1-based line and 1-based column (in characters, after
/// TAB expansion to 8-column stops, as docutils counts them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub line: u32,
    pub col: u32,
}

impl Span {
    pub const fn new(line: u32, col: u32) -> Self {
        Span { line, col }
    }
}

/// A parsed document: the top-level blocks plus every message the reader
/// produced (docutils' system_messages, kept out of the tree).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    pub children: Vec<Block>,
    pub messages: Vec<Message>,
}

/// How serious a reader message is; mirrors docutils' levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
    Severe,
}

/// A reader message (docutils' `system_message`), with docutils' wording
/// where docutils has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub level: Level,
    /// Stable, kebab-case code, e.g. `title-underline-too-short`.
    pub code: &'static str,
    /// Borrowed where docutils' text is fixed (most of the reader's
    /// messages), so a page of a hundred thousand problems does not hold a
    /// hundred thousand copies of one sentence.
    pub text: std::borrow::Cow<'static, str>,
    pub span: Span,
}

/// A body element.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    // Nodes larger than a paragraph or a list are boxed, so a block is 48
    // bytes rather than the 112 of the largest: the common nodes
    // (paragraphs, list items) then take half the memory, which is what a
    // large page's read time grows with.
    Section(Box<Section>),
    Paragraph(Paragraph),
    BulletList(BulletList),
    EnumeratedList(Box<EnumeratedList>),
    DefinitionList(DefinitionList),
    FieldList(FieldList),
    LiteralBlock(LiteralBlock),
    BlockQuote(Box<BlockQuote>),
    LineBlock(LineBlock),
    Directive(Box<Directive>),
    Comment(Comment),
    Target(Box<Target>),
    SubstitutionDefinition(SubstitutionDefinition),
    Table(Box<Table>),
    Transition(Span),
}

impl Block {
    /// Where the block starts.
    pub fn span(&self) -> Span {
        match self {
            Block::Section(b) => b.span,
            Block::Paragraph(b) => b.span,
            Block::BulletList(b) => b.span,
            Block::EnumeratedList(b) => b.span,
            Block::DefinitionList(b) => b.span,
            Block::FieldList(b) => b.span,
            Block::LiteralBlock(b) => b.span,
            Block::BlockQuote(b) => b.span,
            Block::LineBlock(b) => b.span,
            Block::Directive(b) => b.span,
            Block::Comment(b) => b.span,
            Block::Target(b) => b.span,
            Block::SubstitutionDefinition(b) => b.span,
            Block::Table(b) => b.span,
            Block::Transition(s) => *s,
        }
    }
}

/// A section: title, level (1 = first adornment style seen in the document)
/// and body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub title: Vec<Inline>,
    /// The title as plain text (inline markup stripped).
    pub title_text: String,
    pub level: u32,
    /// docutils ids: labels (`.. _x:`) placed right before the title first,
    /// then the title's own slug (Sphinx's `auto_id_prefix='id'` for repeats).
    pub ids: Vec<String>,
    pub span: Span,
    pub children: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    pub inlines: Vec<Inline>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListItem {
    pub span: Span,
    pub children: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BulletList {
    pub bullet: char,
    pub items: Vec<ListItem>,
    pub span: Span,
}

/// Enumeration style of an enumerated list (`1.`, `(a)`, `iv)`, `#.`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Enumeration {
    Arabic,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumeratedList {
    pub enumtype: Enumeration,
    pub start: u32,
    pub prefix: String,
    pub suffix: String,
    pub items: Vec<ListItem>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DefinitionItem {
    pub term: Vec<Inline>,
    pub classifiers: Vec<Vec<Inline>>,
    pub definition: Vec<Block>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DefinitionList {
    pub items: Vec<DefinitionItem>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    pub name: Vec<Inline>,
    pub name_text: String,
    pub body: Vec<Block>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldList {
    pub fields: Vec<Field>,
    pub span: Span,
}

/// A literal block (`::`): text verbatim, relative indentation kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LiteralBlock {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockQuote {
    pub children: Vec<Block>,
    pub attribution: Option<Vec<Inline>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub inlines: Vec<Inline>,
    pub indent: u32,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineBlock {
    pub lines: Vec<Line>,
    pub span: Span,
}

/// One source line of raw directive content, dedented, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawLine {
    pub text: String,
    pub span: Span,
}

/// A directive: `.. name:: argument`, `:option: value` lines, content.
///
/// The reader knows nothing about what a directive means; it only decides,
/// per name, whether the content is parsed as nested RST (`note`, `sidebar`,
/// `seealso`, `function`, `rest_method`, unknown names, ...) or kept raw
/// (`code-block`, `code`, `rest_parameters`, `literalinclude`, `toctree`,
/// `raw`, ...). `content` always holds the raw lines; `children` holds the
/// parsed blocks when the content is RST.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Directive {
    /// Lower-cased directive name (`code-block`, `rest_method`).
    pub name: String,
    /// The argument, stripped, lines joined with a space (may start on the
    /// line after the marker, as in glance's `rest_method`).
    pub argument: String,
    pub argument_span: Span,
    /// `:key: value` options in source order (value empty for flags).
    pub options: Vec<(String, String)>,
    pub content: Vec<RawLine>,
    pub children: Vec<Block>,
    pub span: Span,
}

impl Directive {
    /// The value of option `key`, if given.
    pub fn option(&self, key: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

/// A hyperlink target: `.. _label:` (internal, `uri == None`) or
/// `.. _name: URL`. `name` is normalised as docutils does (lower-case,
/// whitespace collapsed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub name: String,
    pub uri: Option<String>,
    pub span: Span,
}

/// `.. |name| directive:: ...`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubstitutionDefinition {
    pub name: String,
    pub directive: Box<Directive>,
    pub span: Span,
}

/// A table cell: its blocks (the cell text parsed as a mini document) and
/// how many extra columns / rows it spans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub children: Vec<Block>,
    pub morecols: u32,
    pub morerows: u32,
    pub span: Span,
}

impl Cell {
    /// The cell's text: paragraphs' plain text joined by a space. Lines of
    /// a multi-line cell are joined with a space, except that a line ending
    /// in `-` followed by a line starting with a letter (a word wrapped
    /// mid-word by the generator, as in `X-Openstack-Manila-Api-` /
    /// `Version`) is joined without one.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in &self.children {
            let t = crate::plain_text_block(b);
            if t.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&t);
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Number of columns.
    pub cols: u32,
    pub header: Vec<Row>,
    pub body: Vec<Row>,
    pub span: Span,
}

/// Inline markup. Text nodes hold text with backslash escapes resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
        span: Span,
    },
    Literal {
        text: String,
        span: Span,
    },
    Emphasis {
        text: String,
        span: Span,
    },
    Strong {
        text: String,
        span: Span,
    },
    /// `` `text` `` with no role (docutils: title_reference).
    Interpreted {
        text: String,
        span: Span,
    },
    /// `` :role:`text` `` / `` `text`:role: ``. For `ref`-like roles with an
    /// explicit title (`` :ref:`title <target>` ``) `target` is the part in
    /// angle brackets and `text` the title; otherwise `target` is None.
    Role(Box<Role>),
    /// `` `text <uri>`_ `` (named) / `` `text <uri>`__ `` (anonymous), or a
    /// `name_` reference (uri None).
    Reference(Box<Reference>),
    /// A standalone URI or e-mail address.
    StandaloneUri {
        uri: String,
        span: Span,
    },
    /// `|name|`
    SubstitutionReference {
        name: String,
        span: Span,
    },
    /// Markup docutils flags as problematic (e.g. unmatched ``` `` ```): the
    /// raw text is kept.
    Problematic {
        text: String,
        span: Span,
    },
}

impl Inline {
    pub fn span(&self) -> Span {
        match self {
            Inline::Text { span, .. }
            | Inline::Literal { span, .. }
            | Inline::Emphasis { span, .. }
            | Inline::Strong { span, .. }
            | Inline::Interpreted { span, .. }
            | Inline::StandaloneUri { span, .. }
            | Inline::SubstitutionReference { span, .. }
            | Inline::Problematic { span, .. } => *span,
            Inline::Role(r) => r.span,
            Inline::Reference(r) => r.span,
        }
    }

    /// A `:ref:` role's target, normalised as a reference name (the part in
    /// angle brackets when there is one, else the text), with where the
    /// role is; `None` for every other node.
    pub fn ref_target(&self) -> Option<(String, Span)> {
        match self {
            Inline::Role(r) if r.role == "ref" => Some((
                crate::normalize_name(r.target.as_deref().unwrap_or(&r.text)),
                r.span,
            )),
            _ => None,
        }
    }

    /// The text a reader would see.
    pub fn plain_text(&self) -> &str {
        match self {
            Inline::Text { text, .. }
            | Inline::Literal { text, .. }
            | Inline::Emphasis { text, .. }
            | Inline::Strong { text, .. }
            | Inline::Interpreted { text, .. }
            | Inline::Problematic { text, .. } => text,
            Inline::Role(r) => &r.text,
            Inline::Reference(r) => &r.text,
            Inline::StandaloneUri { uri, .. } => uri,
            Inline::SubstitutionReference { name, .. } => name,
        }
    }
}

/// An interpreted-text role (`` :role:`text` `` / `` `text`:role: ``).
/// For `ref`-like roles with an explicit title (`` :ref:`title <target>` ``)
/// `target` is the part in angle brackets and `text` the title; otherwise
/// `target` is None. Boxed in [`Inline`], so the common text nodes stay small.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Role {
    pub role: String,
    pub text: String,
    pub target: Option<String>,
    pub span: Span,
}

/// A hyperlink reference: `` `text <uri>`_ `` (named), `` `text <uri>`__ ``
/// (anonymous), or a `name_` reference (uri None). Boxed in [`Inline`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    pub text: String,
    pub uri: Option<String>,
    pub anonymous: bool,
    pub span: Span,
}
