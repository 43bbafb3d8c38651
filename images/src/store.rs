//! The image store: the manifest and image files behind `object_store`, so
//! a local folder and an S3-compatible bucket work the same. Image data is
//! streamed in bounded ranged reads (constant memory per download), and
//! each image's MD5 is computed once and cached.

use crate::api::runtime::{Binary, BoxError};
use crate::manifest::Manifest;
use base64::Engine as _;
use bytes::Bytes;
use futures_util::{stream, StreamExt, TryStreamExt};
use md5::{Digest, Md5};
use object_store::{path::Path, ObjectMeta, ObjectStore};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// Name of the manifest object in the store.
pub const MANIFEST: &str = "manifest.json";

/// Why the store could not be opened or read.
#[derive(Debug)]
pub enum StoreError {
    /// The store location is neither a folder nor a supported URL.
    Location(String),
    /// The object store failed.
    Object(object_store::Error),
    /// `manifest.json` is not a valid manifest.
    Manifest(serde_json::Error),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Location(why) => write!(f, "cannot open the store: {why}"),
            StoreError::Object(e) => write!(f, "store: {e}"),
            StoreError::Manifest(e) => write!(f, "{MANIFEST} is invalid: {e}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<object_store::Error> for StoreError {
    fn from(e: object_store::Error) -> Self {
        StoreError::Object(e)
    }
}

/// The cache key of an image's MD5: store key and entity tag, so a
/// replaced object is hashed again.
type Md5Key = (String, Option<String>);

/// Image files and manifest, wherever they are stored.
pub struct ImageStore {
    store: Arc<dyn ObjectStore>,
    chunk: u64,
    md5: Mutex<HashMap<Md5Key, Arc<OnceCell<String>>>>,
}

impl ImageStore {
    /// Open `location`: a folder path (created if missing) or an
    /// `object_store` URL (`s3://bucket/prefix`, `file:///abs/path`,
    /// `memory:///`). S3 settings come from the `AWS_*` environment
    /// variables (`AWS_ENDPOINT` for an S3-compatible service).
    pub fn open(location: &str, chunk: u64) -> Result<Self, StoreError> {
        let store: Arc<dyn ObjectStore> = if location.contains("://") {
            let url = url::Url::parse(location)
                .map_err(|e| StoreError::Location(format!("{location}: {e}")))?;
            let opts = std::env::vars()
                .filter(|(k, _)| k.starts_with("AWS_"))
                .map(|(k, v)| (k.to_ascii_lowercase(), v));
            let (store, prefix) = object_store::parse_url_opts(&url, opts)?;
            Arc::new(object_store::prefix::PrefixStore::new(store, prefix))
        } else {
            std::fs::create_dir_all(location)
                .map_err(|e| StoreError::Location(format!("{location}: {e}")))?;
            Arc::new(object_store::local::LocalFileSystem::new_with_prefix(
                location,
            )?)
        };
        Ok(Self::with_store(store, chunk))
    }

    /// A store over an existing `object_store`.
    pub fn with_store(store: Arc<dyn ObjectStore>, chunk: u64) -> Self {
        ImageStore {
            store,
            chunk: chunk.max(4096),
            md5: Mutex::new(HashMap::new()),
        }
    }

    /// The manifest; a store without one gets the demo manifest and images first.
    pub async fn manifest_or_demo(&self) -> Result<Manifest, StoreError> {
        match self.store.get(&Path::from(MANIFEST)).await {
            Ok(got) => serde_json::from_slice(&got.bytes().await?).map_err(StoreError::Manifest),
            Err(object_store::Error::NotFound { .. }) => {
                tracing::info!("no {MANIFEST} in the store: creating the demo store");
                crate::demo::create(self).await
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Write one object.
    pub async fn put(&self, key: &str, data: Bytes) -> Result<(), StoreError> {
        self.store.put(&Path::from(key), data.into()).await?;
        Ok(())
    }

    /// Size and entity tag of an object; `None` if it does not exist.
    pub async fn head(&self, key: &str) -> Result<Option<ObjectMeta>, StoreError> {
        match self.store.head(&Path::from(key)).await {
            Ok(m) => Ok(Some(m)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The bytes `range` of an object as a stream of ranged reads of at
    /// most the configured chunk size, the next one read while the
    /// current one is sent (two chunks in memory per download).
    pub fn stream(&self, key: &str, range: Range<u64>) -> Binary {
        let store = self.store.clone();
        let path = Path::from(key);
        let chunk = self.chunk;
        let windows = stream::iter(
            (range.start..range.end)
                .step_by(chunk as usize)
                .map(move |s| s..(s + chunk).min(range.end)),
        );
        let body = windows
            .map(move |w| {
                let store = store.clone();
                let path = path.clone();
                async move { store.get_range(&path, w).await }
            })
            .buffered(2)
            .map_err(|e| -> BoxError { Box::new(e) });
        Binary(Box::pin(body))
    }

    /// Base64 of the MD5 of the whole object (`Content-MD5`), computed the
    /// first time it is asked for and cached; concurrent first requests
    /// wait for one computation.
    pub async fn content_md5(&self, meta: &ObjectMeta) -> Result<String, BoxError> {
        let key = (meta.location.to_string(), meta.e_tag.clone());
        let cell = self
            .md5
            .lock()
            .expect("md5 cache lock")
            .entry(key)
            .or_default()
            .clone();
        cell.get_or_try_init(|| async {
            let mut body = self.stream(meta.location.as_ref(), 0..meta.size).0;
            let mut hasher = Md5::new();
            while let Some(chunk) = body.next().await {
                let chunk = chunk?;
                hasher = tokio::task::spawn_blocking(move || {
                    hasher.update(&chunk);
                    hasher
                })
                .await?;
            }
            Ok::<_, BoxError>(base64::engine::general_purpose::STANDARD.encode(hasher.finalize()))
        })
        .await
        .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A URL store goes through the same code as a folder: demo created on
    /// first open, ranged streaming, Content-MD5 of the whole object.
    #[tokio::test]
    async fn a_url_store_gets_the_demo_and_streams_ranges() {
        let store = ImageStore::open("memory:///", 4096).unwrap();
        let manifest = store.manifest_or_demo().await.unwrap();
        assert_eq!(manifest, crate::demo::manifest());
        let meta = store
            .head("images/nginx-container.raw")
            .await
            .unwrap()
            .unwrap();
        let want = crate::demo::bytes(6, 2 * 1024 * 1024);
        assert_eq!(meta.size, want.len() as u64);
        let chunks: Vec<Bytes> = store
            .stream("images/nginx-container.raw", 10..10010)
            .0
            .try_collect()
            .await
            .unwrap();
        let sizes: Vec<usize> = chunks.iter().map(|c| c.len()).collect();
        assert_eq!(sizes, [4096, 4096, 1808], "bounded ranged reads");
        assert_eq!(chunks.concat(), want[10..10010]);
        let md5 = store.content_md5(&meta).await.unwrap();
        assert_eq!(
            md5,
            base64::engine::general_purpose::STANDARD.encode(Md5::digest(&want))
        );
        assert!(store.head("images/none").await.unwrap().is_none());
    }
}
