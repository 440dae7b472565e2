//! Whether a run is waiting for the tz database, and what the page says about it. In the
//! browser the zones' bytes are a separate file (`tzdb.bin`, see `cron::tzdb`) fetched the
//! first time a scenario names a zone; until it arrives, or if it cannot, the run waits and
//! the page says which field asked for it.

/// The tz database as far as the current run is concerned.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ZoneData {
    /// The run needs nothing more (it is in UTC, or the data is here).
    #[default]
    Ready,
    /// The run waits for `tzdb.bin`: `field` names `zone`.
    Fetching { field: String, zone: String },
    /// `tzdb.bin` could not be had, and why; the run cannot start.
    Failed {
        field: String,
        zone: String,
        reason: String,
    },
}

impl ZoneData {
    pub fn is_fetching(&self) -> bool {
        matches!(self, ZoneData::Fetching { .. })
    }

    /// The headline and the detail the page shows, if any.
    pub fn notice(&self) -> Option<(String, String)> {
        match self {
            ZoneData::Ready => None,
            ZoneData::Fetching { field, zone } => Some((
                "Loading the time zone database…".into(),
                format!("{field} is {zone}; its daylight-saving rules come from the tz database, fetched once (tzdb.bin, about 60 KB)."),
            )),
            ZoneData::Failed { field, zone, reason } => Some((
                "The time zone database could not be loaded.".into(),
                format!("{field} is {zone}, and the run cannot start without its rules: {reason}. Running it again retries; a scenario in UTC needs no download."),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_names_the_field_the_zone_and_the_reason() {
        assert_eq!(ZoneData::Ready.notice(), None);
        let fetching = ZoneData::Fetching {
            field: "CronJob nightly spec.timeZone".into(),
            zone: "America/New_York".into(),
        };
        assert!(fetching.is_fetching());
        let (_, detail) = fetching.notice().unwrap();
        assert!(
            detail.starts_with("CronJob nightly spec.timeZone is America/New_York;"),
            "{detail}"
        );
        let failed = ZoneData::Failed {
            field: "spec.timeZone".into(),
            zone: "Europe/Berlin".into(),
            reason: "HTTP 404 from https://example.org/tzdb.bin".into(),
        };
        assert!(!failed.is_fetching());
        let (title, detail) = failed.notice().unwrap();
        assert_eq!(title, "The time zone database could not be loaded.");
        assert_eq!(detail, "spec.timeZone is Europe/Berlin, and the run cannot start without its rules: HTTP 404 from https://example.org/tzdb.bin. Running it again retries; a scenario in UTC needs no download.");
    }
}
