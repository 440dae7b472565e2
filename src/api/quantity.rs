//! `resource.Quantity`: `500m`, `2`, `1.5`, `128Mi`, `1G`, `1e3`.
//!
//! Kept as the text the user wrote (that is what Kubernetes shows back for canonical input);
//! the scheduler reads it through [`Quantity::milli_value`].

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quantity(pub String);

impl Quantity {
    /// The quantity in thousandths of its unit (millicores for CPU, millibytes for memory),
    /// or `None` if the text is not a Kubernetes quantity.
    pub fn milli_value(&self) -> Option<i128> {
        parse_milli(self.0.trim())
    }
}

/// An `i128` as `{}` prints it, through `i64`'s formatting when it fits (every real quantity
/// does): core's 128-bit formatting is ~0.6 KB of the gzipped wasm for a few memory sizes.
pub fn int_text(v: i128) -> String {
    if let Ok(small) = i64::try_from(v) {
        return small.to_string();
    }
    let mut digits = Vec::new();
    let mut u = v.unsigned_abs();
    while u > 0 {
        digits.push(b'0' + (u % 10) as u8);
        u /= 10;
    }
    if v < 0 {
        digits.push(b'-');
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

fn parse_milli(s: &str) -> Option<i128> {
    let num_len = s
        .bytes()
        .take_while(|c| c.is_ascii_digit() || matches!(c, b'.' | b'+' | b'-'))
        .count();
    let (number, suffix) = s.split_at(num_len);
    if number.is_empty() || number.starts_with('-') {
        return None;
    }
    let number = number.strip_prefix('+').unwrap_or(number);
    let (int_part, frac_part) = number.split_once('.').unwrap_or((number, ""));
    if int_part.len() > 20
        || frac_part.len() > 9
        || !frac_part.bytes().all(|c| c.is_ascii_digit())
        || (int_part.is_empty() && frac_part.is_empty())
    {
        return None;
    }
    // Work in nano-units so `0.5m` and `1.5` are exact.
    let int: i128 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().ok()?
    };
    let frac: i128 = format!("{frac_part:0<9}").parse().ok()?;
    let nanos = int.checked_mul(1_000_000_000)?.checked_add(frac)?;
    let (mul, div): (i128, i128) = match suffix {
        "" => (1, 1),
        "n" => (1, 1_000_000_000),
        "u" => (1, 1_000_000),
        "m" => (1, 1000),
        "k" => (1000, 1),
        "M" => (1_000_000, 1),
        "G" => (1_000_000_000, 1),
        "T" => (1_000_000_000_000, 1),
        "P" => (1_000_000_000_000_000, 1),
        "E" => (1_000_000_000_000_000_000, 1),
        "Ki" => (1 << 10, 1),
        "Mi" => (1 << 20, 1),
        "Gi" => (1 << 30, 1),
        "Ti" => (1 << 40, 1),
        "Pi" => (1 << 50, 1),
        "Ei" => (1 << 60, 1),
        e if e.starts_with(['e', 'E']) => {
            let exp: u32 = e[1..].parse().ok().filter(|x: &u32| *x <= 18)?;
            (10i128.pow(exp), 1)
        }
        _ => return None,
    };
    // nanos * mul / div, expressed in milli: / 1e6. Round up as Kubernetes does for milli values.
    let scaled = nanos.checked_mul(mul)?;
    let denom = div * 1_000_000;
    Some((scaled + denom - 1) / denom)
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Kubernetes accepts `cpu: 1` and `cpu: "1"` alike.
        let v = serde_json::Value::deserialize(d)?;
        Ok(Quantity(match v {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            other => other.to_string(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_text_prints_as_core_does() {
        let edges = [
            0,
            1,
            -1,
            9,
            10,
            -10,
            i128::from(i64::MAX),
            i128::from(i64::MIN),
        ];
        let wide = [
            i128::from(i64::MAX) + 1,
            i128::from(i64::MIN) - 1,
            i128::MAX,
            i128::MIN,
        ];
        for v in edges.into_iter().chain(wide) {
            assert_eq!(int_text(v), v.to_string());
        }
    }

    #[test]
    fn parses_kubernetes_quantities_in_milli_units() {
        let q = |s: &str| Quantity(s.into()).milli_value();
        assert_eq!(q("500m"), Some(500));
        assert_eq!(q("2"), Some(2000));
        assert_eq!(q("1.5"), Some(1500));
        assert_eq!(q("1Ki"), Some(1_024_000));
        assert_eq!(q("8Gi"), Some(8 * (1i128 << 30) * 1000));
        assert_eq!(q("1e3"), Some(1_000_000));
        assert_eq!(q("0.1m"), Some(1), "rounds up");
        for bad in ["", "abc", "-1", "1.2.3", "5 m", "1Q", "1e99"] {
            assert_eq!(q(bad), None, "{bad}");
        }
    }
}
