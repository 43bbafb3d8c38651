//! `restdoc-images`: `serve` (the default) runs the image-download service;
//! `get URL` downloads one image.

use clap::{Parser, Subcommand};
use restdoc_images::{client, server};

#[derive(Parser)]
#[command(
    version,
    about = "Image-download service and client built on the code restdoc generates from specs/"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: server::ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Run the service (the default).
    Serve(server::ServeArgs),
    /// Download an image to a file.
    Get(client::GetArgs),
}

fn main() {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                let level = if matches!(cli.command, Some(Command::Get(_))) {
                    "warn"
                } else {
                    "info"
                };
                tracing_subscriber::EnvFilter::new(level)
            }),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let code = runtime.block_on(async {
        match cli.command {
            None => serve(cli.serve).await,
            Some(Command::Serve(args)) => serve(args).await,
            Some(Command::Get(args)) => match client::get(&args).await {
                Ok(done) => {
                    let check = if done.verified {
                        ", Content-MD5 verified"
                    } else {
                        ""
                    };
                    eprintln!(
                        "saved {} ({} bytes{check})",
                        done.path.display(),
                        done.bytes
                    );
                    0
                }
                Err(e) => {
                    eprintln!("restdoc-images get: {e}");
                    e.exit_code()
                }
            },
        }
    });
    std::process::exit(code);
}

async fn serve(args: server::ServeArgs) -> i32 {
    match server::run(args).await {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("restdoc-images serve: {e}");
            1
        }
    }
}
