//! The HTTP surface: the generated routers of every group, the calls that
//! issue `downloadId`s (UForge's "get" calls, which `specs/` names but does
//! not document, so they are written here over the generated models), and
//! the layer that applies what handlers left in their [`Scope`](crate::http::Scope)
//! and logs each request.

use crate::api::{containertemplate, images, images_data, machineimage, models, scan};
use crate::download_ids::Grant;
use crate::http::scoped;
use crate::manifest::{Address, Image};
use crate::service::Service;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::sync::Arc;
use std::time::Instant;

/// The whole service as one router.
pub fn router(service: Arc<Service>) -> Router {
    let issuing = Router::new()
        .route(
            "/users/{p1}/appliances/{p3}/images",
            get(list_machine_images),
        )
        .route(
            "/users/{p1}/appliances/{p3}/images/{p5}",
            get(get_machine_image),
        )
        .route("/users/{p1}/appliances/{p3}/pimages", get(list_published))
        .route(
            "/users/{p1}/scannedinstances/{p3}/scans/{p5}/images/{p7}",
            get(get_scan_image),
        )
        .route(
            "/users/{p1}/mysoftware/{p3}/templates/{p5}/images/{p7}",
            get(get_container_image),
        )
        .route("/v2/images", get(list_glance_images))
        .with_state(service.clone());
    Router::new()
        .merge(machineimage::router(service.clone()))
        .merge(scan::router(service.clone()))
        .merge(containertemplate::router(service.clone()))
        .merge(images_data::router(service.clone()))
        // the wadl2rst page documents the same route as os-api-ref; it gets its own prefix
        .nest("/wadl2rst", images::router(service))
        .merge(issuing)
        .layer(axum::middleware::from_fn(apply_scope))
}

/// Run the request in a fresh scope, then apply what the handler left:
/// an undocumented refusal replaces the answer; `Content-Length` and extra
/// headers are added. Logs method, path (never the query, which may hold a
/// `downloadId`), status and time.
async fn apply_scope(req: Request, next: Next) -> Response {
    let (method, path, start) = (
        req.method().clone(),
        req.uri().path().to_string(),
        Instant::now(),
    );
    let head = method == axum::http::Method::HEAD;
    let (mut resp, scope) = scoped(head, next.run(req)).await;
    if let Some(status) = scope.refusal {
        resp = status.into_response();
    } else {
        let h = resp.headers_mut();
        if let Some(len) = scope.content_length {
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
        }
        for (name, value) in scope.headers {
            h.insert(name, value);
        }
    }
    tracing::info!(%method, %path, status = resp.status().as_u16(), ms = start.elapsed().as_millis() as u64, "request");
    resp
}

/// The caller, who must be `uid` itself.
fn owner(s: &Service, headers: &HeaderMap, uid: &str) -> Result<(), StatusCode> {
    match s.principal(headers) {
        None => Err(StatusCode::UNAUTHORIZED),
        Some(p) if p != uid => Err(StatusCode::FORBIDDEN),
        Some(_) => Ok(()),
    }
}

/// An image's JSON with a fresh `downloadId` for `download_path`.
fn with_download(
    s: &Service,
    image: &Image,
    publication: Option<String>,
    download_path: String,
) -> models::Image {
    let id = s.ids.issue(Grant {
        image: image.id.clone(),
        publication,
    });
    let uri = format!("{download_path}?downloadId={id}");
    s.image_model(image, Some((id, uri)))
}

/// machineImage-getAll: the machine images of an appliance (no download ids).
async fn list_machine_images(
    State(s): State<Arc<Service>>,
    Path((uid, aid)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Vec<models::Image>>, StatusCode> {
    owner(&s, &headers, &uid)?;
    Ok(Json(
        s.manifest
            .appliance_images(&uid, &aid)
            .map(|i| s.image_model(i, None))
            .collect(),
    ))
}

/// machineImage-get: one machine image with a fresh `downloadId`.
async fn get_machine_image(
    State(s): State<Arc<Service>>,
    Path((uid, aid, itid)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Result<Json<models::Image>, StatusCode> {
    owner(&s, &headers, &uid)?;
    let a = Address::Machine {
        appliance: aid.clone(),
        image: itid.clone(),
    };
    let image = s.manifest.image_at(&uid, &a).ok_or(StatusCode::NOT_FOUND)?;
    let path = format!("/users/{uid}/appliances/{aid}/images/{itid}/downloads");
    Ok(Json(with_download(&s, image, None, path)))
}

/// machineImagePublished-getAll: the publications of an appliance's images,
/// each with a fresh `downloadId`.
async fn list_published(
    State(s): State<Arc<Service>>,
    Path((uid, aid)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Vec<models::PublishImage>>, StatusCode> {
    owner(&s, &headers, &uid)?;
    let mut out = Vec::new();
    for image in s.manifest.appliance_images(&uid, &aid) {
        for p in &image.published {
            let key = s.ids.issue(Grant {
                image: image.id.clone(),
                publication: Some(p.id.clone()),
            });
            out.push(models::PublishImage {
                cloud_id: Some(p.cloud_id.clone()),
                publish_location: Some(p.location.clone()),
                compress: Some(true),
                download_key: Some(key),
                image_uri: image_uri(&image.address, &uid).map(crate::api::runtime::Uri),
                ..Default::default()
            });
        }
    }
    Ok(Json(out))
}

fn image_uri(address: &Address, uid: &str) -> Option<String> {
    match address {
        Address::Machine { appliance, image } => Some(format!(
            "/users/{uid}/appliances/{appliance}/images/{image}"
        )),
        _ => None,
    }
}

/// scanImage-get: one scan image with a fresh `downloadId`.
async fn get_scan_image(
    State(s): State<Arc<Service>>,
    Path((uid, siid, sid, itid)): Path<(String, String, String, String)>,
    headers: HeaderMap,
) -> Result<Json<models::Image>, StatusCode> {
    owner(&s, &headers, &uid)?;
    let a = Address::Scan {
        instance: siid.clone(),
        scan: sid.clone(),
        image: itid.clone(),
    };
    let image = s.manifest.image_at(&uid, &a).ok_or(StatusCode::NOT_FOUND)?;
    let path = format!("/users/{uid}/scannedinstances/{siid}/scans/{sid}/images/{itid}/downloads");
    Ok(Json(with_download(&s, image, None, path)))
}

/// containerTemplateImage-get: one container-template image with a fresh `downloadId`.
async fn get_container_image(
    State(s): State<Arc<Service>>,
    Path((uid, msid, tid, itid)): Path<(String, String, String, String)>,
    headers: HeaderMap,
) -> Result<Json<models::Image>, StatusCode> {
    owner(&s, &headers, &uid)?;
    let a = Address::Container {
        software: msid.clone(),
        template: tid.clone(),
        image: itid.clone(),
    };
    let image = s.manifest.image_at(&uid, &a).ok_or(StatusCode::NOT_FOUND)?;
    let path = format!("/users/{uid}/mysoftware/{msid}/templates/{tid}/images/{itid}/downloads");
    Ok(Json(with_download(&s, image, None, path)))
}

/// The OpenStack image list of the token's user (id, name, data URL).
async fn list_glance_images(
    State(s): State<Arc<Service>>,
    headers: HeaderMap,
) -> Result<Json<serde_json::Value>, StatusCode> {
    let user = s.principal(&headers).ok_or(StatusCode::UNAUTHORIZED)?;
    let images: Vec<_> = s
        .manifest
        .images
        .iter()
        .filter(|i| i.owner == user)
        .map(|i| {
            serde_json::json!({
                "id": i.id, "name": i.name,
                "status": if i.object.is_some() { "active" } else { "queued" },
                "file": format!("/v2/images/{}/file", i.id),
            })
        })
        .collect();
    Ok(Json(serde_json::json!({ "images": images })))
}
