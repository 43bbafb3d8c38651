//! The store's manifest: who may log in (password, token), which
//! appliances exist and which images the service can stream, each with the
//! addresses the documented download calls reach it by. Kept as
//! `manifest.json` beside the image files, read with serde.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The whole manifest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Accounts: login, password (basic auth) and API token (`X-Auth-Token`).
    pub users: Vec<User>,
    /// Appliances images are generated from.
    #[serde(default)]
    pub appliances: Vec<Appliance>,
    /// Every image the service knows.
    pub images: Vec<Image>,
}

/// One account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// The login name (UForge's `uid`).
    pub login: String,
    /// The basic-auth password.
    pub password: String,
    /// The OpenStack `X-Auth-Token` of this user, if any.
    #[serde(default)]
    pub token: Option<String>,
}

/// An appliance: a template that machine images are generated from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appliance {
    /// Its id (UForge's `aid`).
    pub id: String,
    /// Who owns it.
    pub owner: String,
    /// Display name.
    pub name: String,
}

/// One image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// The OpenStack image UUID (`/v2/images/{image_id}/file`).
    pub id: String,
    /// Who owns it (a user's login).
    pub owner: String,
    /// Display name.
    pub name: String,
    /// The file name downloads are saved under.
    pub file_name: String,
    /// The key of the image data in the store; `None` while the image has
    /// no data yet (answered `204` by the OpenStack call).
    #[serde(default)]
    pub object: Option<String>,
    /// Where the UForge calls find it.
    pub address: Address,
    /// Files inside a PXE image, by path (`.../files/{filepath}`): store keys.
    #[serde(default)]
    pub files: BTreeMap<String, String>,
    /// Publications of this image to clouds (`.../pimages/{pitid}`).
    #[serde(default)]
    pub published: Vec<Publication>,
}

/// The UForge address of an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Address {
    /// A machine image generated from an appliance.
    Machine {
        /// The appliance id (`aid`).
        appliance: String,
        /// The image id (`itid`).
        image: String,
    },
    /// An image generated from a scan of a live machine.
    Scan {
        /// The scanned instance (`siid`).
        instance: String,
        /// The scan (`sid`).
        scan: String,
        /// The image id (`itid`).
        image: String,
    },
    /// An image generated from a container template.
    Container {
        /// The software bundle (`msid`).
        software: String,
        /// The template (`tid`).
        template: String,
        /// The image id (`itid`).
        image: String,
    },
}

/// A publication of an image to a target cloud.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Publication {
    /// Its id (`pitid`).
    pub id: String,
    /// The id the cloud gave the registered image.
    pub cloud_id: String,
    /// Where it was registered (a region).
    pub location: String,
}

impl Manifest {
    /// The user with this login and password.
    pub fn check_password(&self, login: &str, password: &str) -> Option<&User> {
        self.users.iter().find(|u| {
            u.login == login && constant_time_eq(u.password.as_bytes(), password.as_bytes())
        })
    }

    /// The user holding this API token.
    pub fn check_token(&self, token: &str) -> Option<&User> {
        self.users.iter().find(|u| {
            u.token
                .as_deref()
                .is_some_and(|t| constant_time_eq(t.as_bytes(), token.as_bytes()))
        })
    }

    /// The image with this OpenStack id.
    pub fn image(&self, id: &str) -> Option<&Image> {
        self.images.iter().find(|i| i.id == id)
    }

    /// The image of `owner` at this UForge address.
    pub fn image_at(&self, owner: &str, address: &Address) -> Option<&Image> {
        self.images
            .iter()
            .find(|i| i.owner == owner && &i.address == address)
    }

    /// The machine images of one appliance of `owner`, in manifest order.
    pub fn appliance_images<'a>(
        &'a self,
        owner: &'a str,
        appliance: &'a str,
    ) -> impl Iterator<Item = &'a Image> + 'a {
        self.images.iter().filter(move |i| {
            i.owner == owner
                && matches!(&i.address, Address::Machine { appliance: a, .. } if a == appliance)
        })
    }

    /// The image published as `pitid` from appliance `appliance` of `owner`.
    pub fn published<'a>(
        &'a self,
        owner: &'a str,
        appliance: &'a str,
        pitid: &str,
    ) -> Option<(&'a Image, &'a Publication)> {
        self.appliance_images(owner, appliance)
            .find_map(|i| i.published.iter().find(|p| p.id == pitid).map(|p| (i, p)))
    }
}

/// Compare secrets without an early exit on the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest {
            users: vec![User {
                login: "demo".into(),
                password: "pw".into(),
                token: Some("tok".into()),
            }],
            appliances: vec![],
            images: vec![Image {
                id: "u1".into(),
                owner: "demo".into(),
                name: "n".into(),
                file_name: "n.raw".into(),
                object: Some("images/n.raw".into()),
                address: Address::Machine {
                    appliance: "1".into(),
                    image: "2".into(),
                },
                files: BTreeMap::new(),
                published: vec![Publication {
                    id: "9".into(),
                    cloud_id: "c".into(),
                    location: "l".into(),
                }],
            }],
        }
    }

    #[test]
    fn credentials_are_checked_exactly() {
        let m = manifest();
        assert!(m.check_password("demo", "pw").is_some());
        assert!(m.check_password("demo", "pw2").is_none());
        assert!(m.check_password("demo", "p").is_none());
        assert!(m.check_token("tok").is_some());
        assert!(m.check_token("to").is_none());
    }

    #[test]
    fn images_are_found_by_every_address() {
        let m = manifest();
        let a = Address::Machine {
            appliance: "1".into(),
            image: "2".into(),
        };
        assert_eq!(m.image_at("demo", &a).map(|i| i.id.as_str()), Some("u1"));
        assert!(m.image_at("other", &a).is_none());
        assert_eq!(
            m.published("demo", "1", "9").map(|(i, _)| i.id.as_str()),
            Some("u1")
        );
        assert!(m.published("demo", "2", "9").is_none());
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Manifest>(&json).unwrap(), m);
    }
}
