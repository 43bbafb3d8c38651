//! The demo store written on first run: two users, an appliance, and a few
//! images of a few MiB whose bytes come from a fixed-seed generator, so
//! every run creates the same files.

use crate::manifest::{Address, Appliance, Image, Manifest, Publication, User};
use crate::store::{ImageStore, StoreError, MANIFEST};
use bytes::Bytes;
use std::collections::BTreeMap;

/// The demo login (password `demo-password`, token `demo-token`).
pub const DEMO_USER: &str = "demo";

/// `len` deterministic pseudo-random bytes (xorshift64* from `seed`).
pub fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        out.extend_from_slice(&state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

fn image(id: &str, name: &str, object: Option<&str>, address: Address) -> Image {
    Image {
        id: id.into(),
        owner: DEMO_USER.into(),
        name: name.into(),
        file_name: format!("{name}.raw"),
        object: object.map(Into::into),
        address,
        files: BTreeMap::new(),
        published: Vec::new(),
    }
}

fn machine(image: &str) -> Address {
    Address::Machine {
        appliance: "1".into(),
        image: image.into(),
    }
}

/// The demo manifest.
pub fn manifest() -> Manifest {
    let mut centos = image(
        "6f1d2b0e-8c1a-4c5e-9d3f-0a1b2c3d4e01",
        "centos-web",
        Some("images/centos-web.raw"),
        machine("1"),
    );
    centos.published.push(Publication {
        id: "1".into(),
        cloud_id: "ami-0demo".into(),
        location: "eu-west-1".into(),
    });
    let mut pxe = image(
        "6f1d2b0e-8c1a-4c5e-9d3f-0a1b2c3d4e02",
        "debian-pxe",
        Some("images/debian-pxe.raw"),
        machine("2"),
    );
    pxe.files.insert(
        "boot/pxelinux.cfg/default".into(),
        "images/debian-pxe/pxelinux.cfg".into(),
    );
    pxe.files
        .insert("boot/vmlinuz".into(), "images/debian-pxe/vmlinuz".into());
    Manifest {
        users: vec![
            User {
                login: DEMO_USER.into(),
                password: "demo-password".into(),
                token: Some("demo-token".into()),
            },
            User {
                login: "alice".into(),
                password: "alice-password".into(),
                token: Some("alice-token".into()),
            },
        ],
        appliances: vec![Appliance {
            id: "1".into(),
            owner: DEMO_USER.into(),
            name: "web server".into(),
        }],
        images: vec![
            centos,
            pxe,
            image(
                "6f1d2b0e-8c1a-4c5e-9d3f-0a1b2c3d4e03",
                "not-generated-yet",
                None,
                machine("3"),
            ),
            image(
                "6f1d2b0e-8c1a-4c5e-9d3f-0a1b2c3d4e04",
                "scanned-host",
                Some("images/scanned-host.raw"),
                Address::Scan {
                    instance: "1".into(),
                    scan: "1".into(),
                    image: "1".into(),
                },
            ),
            image(
                "6f1d2b0e-8c1a-4c5e-9d3f-0a1b2c3d4e05",
                "nginx-container",
                Some("images/nginx-container.raw"),
                Address::Container {
                    software: "1".into(),
                    template: "1".into(),
                    image: "1".into(),
                },
            ),
        ],
    }
}

/// Write the demo images and manifest into `store` and return the manifest.
pub async fn create(store: &ImageStore) -> Result<Manifest, StoreError> {
    const MIB: usize = 1024 * 1024;
    let files: [(&str, u64, usize); 6] = [
        ("images/centos-web.raw", 1, 6 * MIB),
        ("images/debian-pxe.raw", 2, 3 * MIB),
        ("images/debian-pxe/pxelinux.cfg", 3, 0),
        ("images/debian-pxe/vmlinuz", 4, 2 * MIB),
        ("images/scanned-host.raw", 5, 4 * MIB),
        ("images/nginx-container.raw", 6, 2 * MIB),
    ];
    for (key, seed, len) in files {
        let data = if len == 0 {
            b"DEFAULT linux\nLABEL linux\n  KERNEL vmlinuz\n".to_vec()
        } else {
            bytes(seed, len)
        };
        store.put(key, Bytes::from(data)).await?;
    }
    let m = manifest();
    let json = serde_json::to_vec_pretty(&m).map_err(StoreError::Manifest)?;
    store.put(MANIFEST, Bytes::from(json)).await?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_bytes_are_deterministic_and_varied() {
        let a = super::bytes(1, 1000);
        assert_eq!(a, super::bytes(1, 1000));
        assert_ne!(a, super::bytes(2, 1000));
        assert_eq!(a.len(), 1000);
        assert!(a.iter().filter(|b| **b == 0).count() < 50);
    }
}
