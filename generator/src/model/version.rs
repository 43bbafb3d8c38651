//! Microversions (`2.5`, `1.38`): OpenStack's per-request API versions,
//! ordered numerically (`2.10` > `2.9`).

use super::ModelError;
use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// One API microversion, `MAJOR.MINOR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ApiVersion {
    pub major: u32,
    pub minor: u32,
}

impl ApiVersion {
    pub const fn new(major: u32, minor: u32) -> Self {
        ApiVersion { major, minor }
    }
}

impl FromStr for ApiVersion {
    type Err = ModelError;
    /// `MAJOR.MINOR`, both decimal; surrounding blanks and quotes ignored.
    ///
    /// ```
    /// use restdoc::model::ApiVersion;
    /// let v: ApiVersion = "2.10".parse().unwrap();
    /// assert!(v > "2.9".parse().unwrap());
    /// assert_eq!(v.to_string(), "2.10");
    /// assert!("2".parse::<ApiVersion>().is_err() && "v2.1".parse::<ApiVersion>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, ModelError> {
        let t = s.trim().trim_matches(|c| c == '"' || c == '\'');
        let bad = || ModelError::Version(s.to_string());
        let (a, b) = t.split_once('.').ok_or_else(bad)?;
        let num = |x: &str| {
            if x.is_empty() || x.len() > 9 || !x.bytes().all(|c| c.is_ascii_digit()) {
                Err(bad())
            } else {
                x.parse::<u32>().map_err(|_| bad())
            }
        };
        Ok(ApiVersion::new(num(a)?, num(b)?))
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl Serialize for ApiVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
