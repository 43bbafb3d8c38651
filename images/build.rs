//! Generate the image-download API (server traits, routers, client) from
//! the project's `specs/` pages, exactly as a user of restdoc would.

fn main() -> Result<(), restdoc::builder::BuildError> {
    restdoc::Builder::new()
        .specs("../specs")
        .client(true)
        .server(true)
        .module("api")
        .generate_into_out_dir()?;
    Ok(())
}
