//! Templates: the embedded set from the top-level `templates/` folder, any
//! of which a `templates_dir` may replace; rendering, then parsing with
//! `syn` (a template bug is an error naming the template and the item) and
//! formatting with `prettyplease`.

use super::CodegenError;
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment};
use serde::Serialize;
use std::path::PathBuf;

/// The templates compiled into the binary, by name.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("lib.rs.j2", include_str!("../../../templates/lib.rs.j2")),
    (
        "runtime.rs.j2",
        include_str!("../../../templates/runtime.rs.j2"),
    ),
    (
        "models.rs.j2",
        include_str!("../../../templates/models.rs.j2"),
    ),
    (
        "group.rs.j2",
        include_str!("../../../templates/group.rs.j2"),
    ),
    (
        "endpoint.rs.j2",
        include_str!("../../../templates/endpoint.rs.j2"),
    ),
    (
        "contract.rs.j2",
        include_str!("../../../templates/contract.rs.j2"),
    ),
    ("xml.rs.j2", include_str!("../../../templates/xml.rs.j2")),
    (
        "xml_tests.rs.j2",
        include_str!("../../../templates/xml_tests.rs.j2"),
    ),
    (
        "examples.rs.j2",
        include_str!("../../../templates/examples.rs.j2"),
    ),
    (
        "Cargo.toml.j2",
        include_str!("../../../templates/Cargo.toml.j2"),
    ),
];

/// A template environment: embedded templates, overridden file by file.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    pub fn new(dir: Option<PathBuf>) -> Self {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::None);
        if let Ok(syntax) = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        env.set_loader(move |name| {
            if let Some(d) = &dir {
                let p = d.join(name);
                if p.is_file() {
                    return std::fs::read_to_string(&p).map(Some).map_err(|e| {
                        minijinja::Error::new(
                            minijinja::ErrorKind::InvalidOperation,
                            format!("cannot read {}: {e}", p.display()),
                        )
                    });
                }
            }
            Ok(EMBEDDED
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.to_string()))
        });
        Templates { env }
    }

    /// Render `template` with `ctx` into raw text.
    pub fn render<C: Serialize>(
        &self,
        template: &str,
        item: &str,
        ctx: C,
    ) -> Result<String, CodegenError> {
        let err = |e: minijinja::Error| CodegenError::Template {
            template: template.to_string(),
            item: item.to_string(),
            message: format!("{e:#}"),
        };
        self.env
            .get_template(template)
            .map_err(err)?
            .render(Serde(&ctx))
            .map_err(err)
    }

    /// Render one macro of `template` (`{{ name(arg) }}`), so each endpoint
    /// or model can be checked on its own.
    pub fn render_macro<C: Serialize>(
        &self,
        template: &str,
        name: &str,
        item: &str,
        arg: C,
    ) -> Result<String, CodegenError> {
        let src = format!("{{% from {template:?} import {name} %}}{{{{ {name}(arg) }}}}");
        self.env
            .render_str(&src, minijinja::context! { arg => Serde(&arg) })
            .map_err(|e| CodegenError::Template {
                template: format!("{template} ({name})"),
                item: item.to_string(),
                message: format!("{e:#}"),
            })
    }
}

/// Parse `code` as a file of items; a failure names the template and item.
pub fn check_items(code: &str, template: &str, item: &str) -> Result<syn::File, CodegenError> {
    syn::parse_file(code).map_err(|e| CodegenError::Syntax {
        template: template.to_string(),
        item: item.to_string(),
        message: e.to_string(),
        excerpt: excerpt(code),
    })
}

/// Parse and pretty-print a whole generated file.
pub fn format(code: &str, template: &str, item: &str) -> Result<String, CodegenError> {
    Ok(prettyplease::unparse(&check_items(code, template, item)?))
}

/// The first lines of broken output, for the error message.
fn excerpt(code: &str) -> String {
    code.lines().take(12).collect::<Vec<_>>().join("\n")
}
