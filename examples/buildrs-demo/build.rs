//! Generate the API code from the project's `specs/` pages. Cargo reruns
//! this only when one of the pages or YAML files it read changes; a page
//! with an error fails the build with the page's line underlined.

fn main() -> Result<(), restdoc::builder::BuildError> {
    restdoc::Builder::new()
        .specs("../../specs")
        .client(true)
        .server(true)
        .module("api")
        .generate_into_out_dir()?;
    Ok(())
}
