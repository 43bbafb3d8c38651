//! Body shapes (issue 9 item 2).

use serde::Serialize;

/// Placeholder replaced below.
#[derive(Debug, Clone, Serialize)]
pub struct BodyShape {}
