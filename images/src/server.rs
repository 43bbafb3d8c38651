//! `restdoc-images serve`: configuration (flags and environment), store
//! opening, and serving with a graceful shutdown that lets running
//! downloads finish.

use crate::download_ids::DownloadIds;
use crate::service::Service;
use crate::store::ImageStore;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Server settings; every flag also reads an environment variable.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "RESTDOC_IMAGES_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Image store: a folder, or an object_store URL (s3://bucket/prefix with
    /// AWS_* variables, file:///abs/path, memory:///). A store without a
    /// manifest.json gets the demo images.
    #[arg(long, env = "RESTDOC_IMAGES_STORE", default_value = "image-store")]
    pub store: String,
    /// Seconds a downloadId stays valid after it is issued.
    #[arg(long, env = "RESTDOC_IMAGES_DOWNLOAD_ID_TTL", default_value_t = 300)]
    pub download_id_ttl: u64,
    /// Bytes read from the store per chunk; memory per download is about two chunks.
    #[arg(long, env = "RESTDOC_IMAGES_CHUNK", default_value_t = 512 * 1024)]
    pub chunk: u64,
    /// Seconds running downloads get to finish after a shutdown signal.
    #[arg(long, env = "RESTDOC_IMAGES_SHUTDOWN_GRACE", default_value_t = 30)]
    pub shutdown_grace: u64,
}

/// Open the store (creating the demo store if empty) and build the service.
pub async fn service(args: &ServeArgs) -> Result<Arc<Service>, Box<dyn std::error::Error>> {
    let store = ImageStore::open(&args.store, args.chunk)?;
    let manifest = store.manifest_or_demo().await?;
    tracing::info!(store = %args.store, users = manifest.users.len(), images = manifest.images.len(), "store opened");
    Ok(Arc::new(Service {
        store,
        manifest,
        ids: DownloadIds::new(Duration::from_secs(args.download_id_ttl)),
    }))
}

/// Serve `service` on `listener` until `shutdown` completes, then stop
/// accepting and wait up to `grace` for running requests to finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    service: Arc<Service>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    grace: Duration,
) -> std::io::Result<()> {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let app = crate::routes::router(service);
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown.await;
        tracing::info!("shutting down: no new connections, waiting for running downloads");
        let _ = tx.send(());
    });
    let mut server = std::pin::pin!(std::future::IntoFuture::into_future(server));
    tokio::select! {
        r = &mut server => r,
        _ = async { let _ = rx.await; tokio::time::sleep(grace).await } => {
            tracing::warn!("downloads still running after {grace:?}: stopping anyway");
            Ok(())
        }
    }
}

/// Ctrl-C or SIGTERM.
pub async fn signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// `restdoc-images serve`.
pub async fn run(args: ServeArgs) -> Result<(), Box<dyn std::error::Error>> {
    let service = service(&args).await?;
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    serve(
        listener,
        service,
        signal(),
        Duration::from_secs(args.shutdown_grace),
    )
    .await?;
    Ok(())
}
