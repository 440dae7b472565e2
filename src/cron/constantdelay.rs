//! `@every <duration>`: robfig's `ConstantDelaySchedule`, and Go's `time.ParseDuration`
//! that reads its argument (with Go's error texts).

/// A fixed interval in whole seconds, at least one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConstantDelay {
    pub seconds: i64,
}

const NANOS_PER_SEC: i128 = 1_000_000_000;

impl ConstantDelay {
    /// `cron.Every(d)`: below one second becomes one second; sub-second parts are dropped.
    pub fn every(nanos: i128) -> ConstantDelay {
        let nanos = nanos.max(NANOS_PER_SEC);
        ConstantDelay {
            seconds: (nanos / NANOS_PER_SEC) as i64,
        }
    }

    /// `Next(t) = t + delay - t's sub-second part`: whole seconds, anchored on `t`.
    pub fn next_millis(&self, t_millis: i64) -> i64 {
        t_millis.div_euclid(1000) * 1000 + self.seconds * 1000
    }
}

/// `time.ParseDuration`, in nanoseconds: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`.
pub fn parse_go_duration(orig: &str) -> Result<i128, String> {
    let invalid = || format!("time: invalid duration {}", quote(orig));
    let mut s = orig;
    let mut neg = false;
    if let Some(rest) = s.strip_prefix(['-', '+']) {
        neg = s.starts_with('-');
        s = rest;
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let limit: u128 = 1 << 63;
    let mut total: u128 = 0;
    while !s.is_empty() {
        if !(s.starts_with('.') || s.starts_with(|c: char| c.is_ascii_digit())) {
            return Err(invalid());
        }
        let int_len = s.bytes().take_while(u8::is_ascii_digit).count();
        let mut v: u128 = 0;
        for b in s[..int_len].bytes() {
            v = v * 10 + u128::from(b - b'0');
            if v > limit {
                return Err(invalid());
            }
        }
        let pre = int_len > 0;
        s = &s[int_len..];
        let (mut frac, mut scale, mut post) = (0u128, 1f64, false);
        if let Some(rest) = s.strip_prefix('.') {
            let frac_len = rest.bytes().take_while(u8::is_ascii_digit).count();
            let mut overflow = false;
            for b in rest[..frac_len].bytes() {
                if overflow || frac > (limit - 1) / 10 {
                    overflow = true;
                    continue;
                }
                let y = frac * 10 + u128::from(b - b'0');
                if y > limit {
                    overflow = true;
                    continue;
                }
                frac = y;
                scale *= 10.0;
            }
            post = frac_len > 0;
            s = &rest[frac_len..];
        }
        if !pre && !post {
            return Err(invalid());
        }
        let unit_len = s
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        if unit_len == 0 {
            return Err(format!("time: missing unit in duration {}", quote(orig)));
        }
        let unit_text = &s[..unit_len];
        s = &s[unit_len..];
        let unit: u128 = match unit_text {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    quote(unit_text),
                    quote(orig)
                ))
            }
        };
        if v > limit / unit {
            return Err(invalid());
        }
        v *= unit;
        if frac > 0 {
            v += (frac as f64 * (unit as f64 / scale)) as u128;
            if v > limit {
                return Err(invalid());
            }
        }
        total += v;
        if total > limit {
            return Err(invalid());
        }
    }
    if neg {
        return Ok(-(total as i128));
    }
    if total > limit - 1 {
        return Err(invalid());
    }
    Ok(total as i128)
}

/// The `time` package's own `quote`: non-ASCII and control bytes as `\xNN`.
fn quote(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        if (c as u32) >= 0x80 || c < ' ' {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(parse_go_duration("1.5s"), Ok(1_500_000_000));
        assert_eq!(parse_go_duration("-2m"), Ok(-120_000_000_000));
        assert_eq!(parse_go_duration("0"), Ok(0));
        assert_eq!(
            parse_go_duration(""),
            Err("time: invalid duration \"\"".into())
        );
        assert_eq!(
            parse_go_duration("5"),
            Err("time: missing unit in duration \"5\"".into())
        );
        assert_eq!(
            parse_go_duration("5d"),
            Err("time: unknown unit \"d\" in duration \"5d\"".into())
        );
        assert_eq!(
            parse_go_duration("3000000h"),
            Err("time: invalid duration \"3000000h\"".into())
        );
    }

    #[test]
    fn every_rounds_down_to_whole_seconds_with_a_one_second_floor() {
        assert_eq!(ConstantDelay::every(1_900_000_000).seconds, 1);
        assert_eq!(ConstantDelay::every(10).seconds, 1);
        assert_eq!(ConstantDelay::every(-5).seconds, 1);
        assert_eq!(
            ConstantDelay::every(90_000_000_000).next_millis(1_500),
            91_000
        );
    }
}
