//! `HumanDuration` (k8s.io/apimachinery/pkg/util/duration).

use crate::time::SimDuration;

/// Formats a duration as `kubectl get` AGE and DURATION columns do. Go's `int(d.Seconds())`
/// truncates toward zero, so -1.5 s is -1 and prints `0s` (the two seconds of clock skew
/// HumanDuration tolerates); -2 s is `<invalid>`.
pub fn human_duration(d: SimDuration) -> String {
    let s = d.as_millis() / 1000;
    if s < -1 {
        return "<invalid>".into();
    }
    if s < 0 {
        return "0s".into();
    }
    if s < 120 {
        return format!("{s}s");
    }
    let m = s / 60;
    if m < 10 {
        return if s % 60 == 0 {
            format!("{m}m")
        } else {
            format!("{m}m{}s", s % 60)
        };
    }
    if m < 180 {
        return format!("{m}m");
    }
    let h = s / 3600;
    if h < 8 {
        return if m % 60 == 0 {
            format!("{h}h")
        } else {
            format!("{h}h{}m", m % 60)
        };
    }
    if h < 48 {
        return format!("{h}h");
    }
    if h < 192 {
        return if h % 24 == 0 {
            format!("{}d", h / 24)
        } else {
            format!("{}d{}h", h / 24, h % 24)
        };
    }
    let days = h / 24;
    if days < 365 * 2 {
        return format!("{days}d");
    }
    let y = days / 365;
    if y < 8 {
        return if days % 365 == 0 {
            format!("{y}y")
        } else {
            format!("{y}y{}d", days % 365)
        };
    }
    format!("{y}y")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_apimachinery_table() {
        let cases = [
            (5, "5s"),
            (65, "65s"),
            (119, "119s"),
            (120, "2m"),
            (123, "2m3s"),
            (599, "9m59s"),
            (600, "10m"),
            (179 * 60, "179m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 300, "3h5m"),
            (8 * 3600, "8h"),
            (47 * 3600, "47h"),
            (48 * 3600, "2d"),
            (4 * 86400, "4d"),
            (7 * 86400 + 23 * 3600, "7d23h"),
            (8 * 86400, "8d"),
            (364 * 86400, "364d"),
            (730 * 86400, "2y"),
            (775 * 86400, "2y45d"),
            (8 * 365 * 86400, "8y"),
        ];
        for (secs, want) in cases {
            assert_eq!(
                human_duration(SimDuration::from_secs(secs)),
                want,
                "{secs}s"
            );
        }
        assert_eq!(human_duration(SimDuration::from_millis(-500)), "0s");
        assert_eq!(human_duration(SimDuration::from_millis(-1999)), "0s");
        assert_eq!(human_duration(SimDuration::from_millis(-2000)), "<invalid>");
        assert_eq!(human_duration(SimDuration::from_millis(999)), "0s");
        assert_eq!(human_duration(SimDuration::from_secs(-5)), "<invalid>");
    }
}
