//! Decimal text of `f64` values, and `f64` values of decimal text, byte for byte as core's
//! `{}`, `{:.N}`, `{:e}` and `str::parse::<f64>` produce them, without core's float code.
//!
//! Why: core's float formatting (Grisu with a Dragon fallback) and parsing (Eisel-Lemire, whose
//! table of 128-bit powers of five alone is 20 KB of incompressible data) were about a
//! twentieth of the playground's gzipped wasm, spent on a few seconds, percentages and speeds.
//! One exact method serves both ways here: the value as a ratio of two big integers, its
//! digits taken one at a time. For the shortest digits that is Burger and Dybvig's free-format
//! algorithm, which core's Dragon implements too (`core::num::flt2dec::strategy::dragon`), so
//! ties and boundaries come out the same. It is slower than core's fast paths, which does not
//! matter at these call counts. The tests compare every function here with core's, on random
//! and on edge-case values.

use std::cmp::Ordering;
use std::fmt;

/// An `f64` written as core writes it: `{}` gives the shortest digits that read back as the
/// same value (`0.1`, `1.5`, `100`, `-0`), `{:.N}` exactly N decimals rounded half to even,
/// `{:e}` the shortest digits as `1.5e3`. Width and fill are not supported (nothing uses them),
/// nor more than 800 decimals.
#[derive(Clone, Copy, Debug)]
pub struct Decimal(pub f64);

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(v) = write_sign(self.0, f)? else {
            return Ok(());
        };
        match f.precision() {
            Some(decimals) => {
                let units = if v == 0.0 {
                    Vec::new()
                } else {
                    rounded_units(v, decimals)
                };
                let point = units.len() as i32 - decimals as i32;
                write_positional(f, &units, point, decimals)
            }
            None if v == 0.0 => f.write_str("0"),
            None => {
                let (digits, point) = shortest_digits(v);
                write_positional(f, &digits, point, 0)
            }
        }
    }
}

impl fmt::LowerExp for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(v) = write_sign(self.0, f)? else {
            return Ok(());
        };
        if v == 0.0 {
            return f.write_str("0e0");
        }
        let (digits, point) = shortest_digits(v);
        f.write_str(ascii(&digits[..1]))?;
        if digits.len() > 1 {
            write!(f, ".{}", ascii(&digits[1..]))?;
        }
        write!(f, "e{}", point - 1)
    }
}

/// `text.parse::<f64>().ok()`: an optional sign, then `inf`, `infinity` or `nan` in any case,
/// or digits with an optional point and an optional exponent (`12`, `1.`, `.5`, `2.5E-3`);
/// the nearest `f64`, ties to even. No spaces, no `_`.
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = match parse_digits(body.as_bytes()) {
        Some(decimal) => decimal.nearest(),
        None if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") => {
            f64::INFINITY
        }
        None if body.eq_ignore_ascii_case("nan") => f64::NAN,
        None => return None,
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Writes `-` for a negative value (and negative zero), then `NaN` or `inf` for those;
/// returns the magnitude still to write, if any.
fn write_sign(v: f64, f: &mut fmt::Formatter<'_>) -> Result<Option<f64>, fmt::Error> {
    if v.is_nan() {
        f.write_str("NaN")?;
        return Ok(None);
    }
    if v.is_sign_negative() {
        f.write_str("-")?;
    }
    if v.is_infinite() {
        f.write_str("inf")?;
        return Ok(None);
    }
    Ok(Some(v.abs()))
}

/// Writes the number `0.DIGITS × 10^point` positionally, with at least `decimals` decimals.
fn write_positional(
    f: &mut fmt::Formatter<'_>,
    digits: &[u8],
    point: i32,
    decimals: usize,
) -> fmt::Result {
    let (whole, fraction) = digits.split_at(point.clamp(0, digits.len() as i32) as usize);
    if whole.is_empty() {
        f.write_str("0")?;
    }
    f.write_str(ascii(whole))?;
    write_zeros(f, point - digits.len() as i32)?;
    let leading_zeros = -point;
    let written = leading_zeros.max(0) + fraction.len() as i32;
    if written > 0 || decimals > 0 {
        f.write_str(".")?;
        write_zeros(f, leading_zeros)?;
        f.write_str(ascii(fraction))?;
        write_zeros(f, decimals as i32 - written)?;
    }
    Ok(())
}

fn write_zeros(f: &mut fmt::Formatter<'_>, count: i32) -> fmt::Result {
    (0..count).try_for_each(|_| f.write_str("0"))
}

/// Digits are kept as ASCII bytes.
fn ascii(digits: &[u8]) -> &str {
    std::str::from_utf8(digits).expect("ASCII digits")
}

/// The finite, positive `v` as `mant × 2^exp`, with the halfway points to its neighbours at
/// `(mant - minus) × 2^exp` and `(mant + plus) × 2^exp` (as core's `flt2dec::decode` has it).
struct Decoded {
    mant: u64,
    minus: u64,
    plus: u64,
    exp: i32,
    /// Whether a decimal exactly on a halfway point reads back as `v`: core's
    /// round-half-to-even parse does so when the mantissa is even (core counts every
    /// subnormal's mantissa as even: it doubles it before looking).
    inclusive: bool,
}

fn decode(v: f64) -> Decoded {
    let bits = v.to_bits();
    let fraction = bits & ((1 << 52) - 1);
    let biased = (bits >> 52) as i32;
    if biased == 0 {
        return Decoded {
            mant: fraction << 1,
            minus: 1,
            plus: 1,
            exp: -1075,
            inclusive: true,
        };
    }
    let mant = fraction | 1 << 52;
    let inclusive = mant % 2 == 0;
    if fraction == 0 {
        // Just above a power of two the float below is half as far away as the one above.
        Decoded {
            mant: mant << 2,
            minus: 1,
            plus: 2,
            exp: biased - 1077,
            inclusive,
        }
    } else {
        Decoded {
            mant: mant << 1,
            minus: 1,
            plus: 1,
            exp: biased - 1076,
            inclusive,
        }
    }
}

/// `mant × 2^exp` as the ratio `numerator / denominator` of two big integers.
fn ratio(mant: u64, exp: i32) -> (Big, Big) {
    let (mut numerator, mut denominator) = (Big::from_u64(mant), Big::from_u64(1));
    if exp < 0 {
        denominator.mul_pow2(exp.unsigned_abs());
    } else {
        numerator.mul_pow2(exp as u32);
    }
    (numerator, denominator)
}

/// The shortest digits that read back as the finite, positive `v`, and the power of ten
/// `point` with `v ≈ 0.DIGITS × 10^point`; of equally short digits, the nearest to `v`.
fn shortest_digits(v: f64) -> (Vec<u8>, i32) {
    let d = decode(v);
    // Above a bound; where a decimal on the boundary reads back as `v`, reaching it counts.
    let beyond = |order: Ordering| match order {
        Ordering::Greater => true,
        Ordering::Equal => d.inclusive,
        Ordering::Less => false,
    };
    let (mut mant, mut scale) = ratio(d.mant, d.exp);
    let (mut minus, mut plus) = (Big::from_u64(d.minus), Big::from_u64(d.plus));
    if d.exp > 0 {
        minus.mul_pow2(d.exp as u32);
        plus.mul_pow2(d.exp as u32);
    }
    // The power of ten of the upper boundary, estimated from its binary length as core does
    // (exact or one too small), then settled by one comparison.
    let bits = 64 - (d.mant + d.plus - 1).leading_zeros() as i64;
    let mut point = (((bits + i64::from(d.exp)) * 1_292_913_986) >> 32) as i32;
    if point >= 0 {
        scale.mul_pow10(point as u32);
    } else {
        for big in [&mut mant, &mut minus, &mut plus] {
            big.mul_pow10(point.unsigned_abs());
        }
    }
    if beyond(mant.sum_compare(&plus, &scale)) {
        point += 1;
    } else {
        times_ten([&mut mant, &mut minus, &mut plus]);
    }
    let mut digits = Vec::with_capacity(17);
    let (down, up) = loop {
        digits.push(b'0' + take_digit(&mut mant, &scale));
        // Stop once the digits so far read back as `v`, rounded down or up.
        let down = beyond(minus.compare(&mant));
        let up = beyond(mant.sum_compare(&plus, &scale));
        if down || up {
            break (down, up);
        }
        times_ten([&mut mant, &mut minus, &mut plus]);
    };
    // Where both roundings read back, the nearer one; a tie rounds up.
    if up
        && (!down || mant.mul_small(2).compare(&scale) != Ordering::Less)
        && increment(&mut digits)
    {
        point += 1;
    }
    (digits, point)
}

fn times_ten(bigs: [&mut Big; 3]) {
    for big in bigs {
        big.mul_small(10);
    }
}

/// The digits of `v × 10^decimals` rounded to a whole number, half to even; none for zero.
fn rounded_units(v: f64, decimals: usize) -> Vec<u8> {
    let d = decode(v);
    let (mut numerator, mut denominator) = ratio(d.mant, d.exp);
    numerator.mul_pow10(decimals as u32);
    let mut digits = 0;
    while numerator.compare(&denominator) != Ordering::Less {
        denominator.mul_small(10);
        digits += 1;
    }
    let mut units = Vec::with_capacity(digits);
    for _ in 0..digits {
        numerator.mul_small(10);
        units.push(b'0' + take_digit(&mut numerator, &denominator));
    }
    let half = numerator.mul_small(2).compare(&denominator);
    let odd = units.last().is_some_and(|u| u % 2 == 1);
    if half == Ordering::Greater || (half == Ordering::Equal && odd) {
        increment(&mut units);
    }
    units
}

/// `floor(numerator / denominator)`, a digit, leaving the remainder in `numerator`.
fn take_digit(numerator: &mut Big, denominator: &Big) -> u8 {
    let mut digit = 0;
    while numerator.compare(denominator) != Ordering::Less {
        numerator.sub(denominator);
        digit += 1;
    }
    digit
}

/// Adds one to the ASCII digits; true when that made them one digit longer (`99` → `100`).
fn increment(digits: &mut Vec<u8>) -> bool {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return false;
        }
    }
    digits.insert(0, b'1');
    true
}

/// Significant digits kept from a longer input. The halfway points between floats have at most
/// 767 significant digits, so the first 768 and whether any non-zero digit follows place the
/// input exactly among them.
const KEPT_DIGITS: usize = 800;

/// A parsed number: `digits × 10^exp`, the digits without leading zeros.
struct DecimalNumber {
    digits: [u8; KEPT_DIGITS + 1],
    len: usize,
    exp: i64,
}

/// The grammar of core's `parse_number`: digits, an optional point and more digits (at least
/// one digit in all), then optionally `e` or `E`, a sign and digits. `None` if that is not all.
fn parse_digits(text: &[u8]) -> Option<DecimalNumber> {
    let mut number = DecimalNumber {
        digits: [0; KEPT_DIGITS + 1],
        len: 0,
        exp: 0,
    };
    let mut dropped_non_zero = false;
    let mut seen_digit = false;
    let mut after_point = false;
    let mut rest = text;
    while let Some((&c, tail)) = rest.split_first() {
        match c {
            b'.' if !after_point => after_point = true,
            b'0'..=b'9' => {
                seen_digit = true;
                if number.len == 0 && c == b'0' {
                    // A leading zero only moves the point.
                    number.exp -= i64::from(after_point);
                } else if number.len < KEPT_DIGITS {
                    number.digits[number.len] = c - b'0';
                    number.len += 1;
                    number.exp -= i64::from(after_point);
                } else {
                    dropped_non_zero |= c != b'0';
                    number.exp += i64::from(!after_point);
                }
            }
            _ => break,
        }
        rest = tail;
    }
    if !seen_digit {
        return None;
    }
    if let Some((b'e' | b'E', tail)) = rest.split_first() {
        let (negative, tail) = match tail.split_first() {
            Some((b'-', t)) => (true, t),
            Some((b'+', t)) => (false, t),
            _ => (false, tail),
        };
        let count = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        // Saturating where core's parser does, so that absurd exponents read alike.
        let mut exponent = 0i64;
        for &c in &tail[..count] {
            if exponent < 0x10000 {
                exponent = 10 * exponent + i64::from(c - b'0');
            }
        }
        number.exp += if negative { -exponent } else { exponent };
        rest = &tail[count..];
    }
    if !rest.is_empty() {
        return None;
    }
    if dropped_non_zero {
        // A final 1 stands for the dropped digits: it places the number strictly between
        // the kept digits and the next decimal up, which no halfway point lies between.
        number.digits[number.len] = 1;
        number.len += 1;
        number.exp -= 1;
    }
    Some(number)
}

impl DecimalNumber {
    /// The nearest `f64`, ties to even.
    fn nearest(&self) -> f64 {
        let digits = &self.digits[..self.len];
        let magnitude = self.len as i64 + self.exp;
        if digits.is_empty() || magnitude < -324 {
            return 0.0;
        }
        if magnitude > 310 {
            return f64::INFINITY;
        }
        // Exact in floating point: both operands are, and one operation rounds once.
        if self.len <= 15 && self.exp.abs() <= 22 {
            let whole = digits.iter().fold(0.0, |n, &d| n * 10.0 + f64::from(d));
            let power = (0..self.exp.abs()).fold(1.0, |p, _| p * 10.0);
            return if self.exp < 0 {
                whole / power
            } else {
                whole * power
            };
        }
        let mut numerator = Big::from_u64(0);
        for &d in digits {
            numerator.mul_add_small(10, u32::from(d));
        }
        let mut denominator = Big::from_u64(1);
        if self.exp < 0 {
            denominator.mul_pow10(self.exp.unsigned_abs() as u32);
        } else {
            numerator.mul_pow10(self.exp as u32);
        }
        nearest_to_ratio(numerator, denominator)
    }
}

/// The `f64` nearest to `numerator / denominator` (positive), ties to even.
fn nearest_to_ratio(mut numerator: Big, mut denominator: Big) -> f64 {
    // Scale by 2^shift so that the quotient has 53 bits: the binary exponent is -shift.
    let mut shift = 52 + denominator.bit_len() as i32 - numerator.bit_len() as i32;
    if shift >= 0 {
        numerator.mul_pow2(shift as u32);
    } else {
        denominator.mul_pow2(shift.unsigned_abs());
    }
    if numerator.compare(denominator.clone().mul_pow2(52)) == Ordering::Less {
        numerator.mul_small(2);
        shift += 1;
    }
    // Below the normal range the lowest mantissa bit stays at 2^-1074.
    if shift > 1074 {
        denominator.mul_pow2(shift as u32 - 1074);
        shift = 1074;
    }
    // Long division, one quotient bit at a time.
    denominator.mul_pow2(53);
    let mut quotient = 0u64;
    for _ in 0..53 {
        numerator.mul_small(2);
        let bit = numerator.compare(&denominator) != Ordering::Less;
        if bit {
            numerator.sub(&denominator);
        }
        quotient = quotient << 1 | u64::from(bit);
    }
    let half = numerator.mul_small(2).compare(&denominator);
    if half == Ordering::Greater || (half == Ordering::Equal && quotient % 2 == 1) {
        quotient += 1;
    }
    // A normal float's bits are (biased exponent - 1) × 2^52 plus its 53-bit mantissa, which
    // carries into the exponent when rounding reached 2^53; a subnormal's are its mantissa.
    let bits = ((1074 - shift) as u64) << 52;
    f64::from_bits((bits + quotient).min(f64::INFINITY.to_bits()))
}

/// Limbs of 32 bits in a [`Big`]: the largest number is the parser's doubled remainder for 801
/// digits at the bottom of the `f64` range, below 10^1125 × 2^110 (3,848 bits).
const LIMBS: usize = 124;

/// A non-negative integer, least significant limb first; limbs from `len` on are zero, and
/// the limb below `len` is not.
#[derive(Clone)]
struct Big {
    len: usize,
    limbs: [u32; LIMBS],
}

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut big = Big {
            len: 0,
            limbs: [0; LIMBS],
        };
        big.limbs[0] = v as u32;
        big.limbs[1] = (v >> 32) as u32;
        big.len = if v >> 32 != 0 { 2 } else { usize::from(v != 0) };
        big
    }

    fn bit_len(&self) -> u32 {
        match self.len {
            0 => 0,
            n => 32 * n as u32 - self.limbs[n - 1].leading_zeros(),
        }
    }

    fn compare(&self, other: &Big) -> Ordering {
        let high_first = self.limbs[..self.len].iter().rev();
        self.len
            .cmp(&other.len)
            .then_with(|| high_first.cmp(other.limbs[..other.len].iter().rev()))
    }

    /// `self × k + add`.
    fn mul_add_small(&mut self, k: u32, add: u32) -> &mut Big {
        let mut carry = u64::from(add);
        for limb in &mut self.limbs[..self.len] {
            let v = u64::from(*limb) * u64::from(k) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.limbs[self.len] = carry as u32;
            self.len += 1;
        }
        self
    }

    fn mul_small(&mut self, k: u32) -> &mut Big {
        self.mul_add_small(k, 0)
    }

    fn mul_pow2(&mut self, mut n: u32) -> &mut Big {
        while n > 31 {
            self.mul_small(1 << 31);
            n -= 31;
        }
        self.mul_small(1 << n)
    }

    fn mul_pow10(&mut self, mut n: u32) -> &mut Big {
        while n > 9 {
            self.mul_small(1_000_000_000);
            n -= 9;
        }
        self.mul_small(10u32.pow(n))
    }

    /// `self + other` against `bound`, without building the sum (a copy of a `Big` costs
    /// more than the comparison).
    fn sum_compare(&self, other: &Big, bound: &Big) -> Ordering {
        let len = self.len.max(other.len).max(bound.len);
        let (mut carry, mut non_zero) = (0i64, false);
        for i in 0..len {
            let v = i64::from(self.limbs[i]) + i64::from(other.limbs[i])
                - i64::from(bound.limbs[i])
                + carry;
            non_zero |= v.rem_euclid(1 << 32) != 0;
            carry = v.div_euclid(1 << 32);
        }
        match carry.cmp(&0) {
            Ordering::Equal if non_zero => Ordering::Greater,
            order => order,
        }
    }

    /// `self - other`, for `other` no larger.
    fn sub(&mut self, other: &Big) -> &mut Big {
        let mut borrow = false;
        for (limb, &o) in self.limbs[..self.len]
            .iter_mut()
            .zip(&other.limbs[..self.len])
        {
            let (v, b1) = limb.overflowing_sub(o);
            let (v, b2) = v.overflowing_sub(u32::from(borrow));
            *limb = v;
            borrow = b1 || b2;
        }
        while self.len > 0 && self.limbs[self.len - 1] == 0 {
            self.len -= 1;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_f64, Decimal};

    /// A small deterministic generator (xorshift64*): the seed in each failure replays it.
    struct Gen(u64);
    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    fn check_format(v: f64) {
        assert_eq!(
            Decimal(v).to_string(),
            format!("{v}"),
            "{{}} of {:#x}",
            v.to_bits()
        );
        assert_eq!(
            format!("{:e}", Decimal(v)),
            format!("{v:e}"),
            "{{:e}} of {:#x}",
            v.to_bits()
        );
        // Fixed decimals of huge values are hundreds of digits: checked on a few of them.
        if v.abs() < 1e20 || (v.to_bits() >> 52) % 50 == 0 {
            for decimals in 0..=4 {
                assert_eq!(
                    format!("{:.*}", decimals, Decimal(v)),
                    format!("{v:.decimals$}"),
                    "{{:.{decimals}}} of {:#x}",
                    v.to_bits()
                );
            }
        }
    }

    fn check_parse(text: &str) {
        let core = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(parse_f64(text).map(f64::to_bits), core, "parse of {text:?}");
    }

    /// Values whose digits are hard: the ends of the range, powers of two and ten and their
    /// neighbours, ties at few decimals, and the percentages and seconds jobplay writes.
    fn edge_values() -> Vec<f64> {
        let mut values = vec![
            0.0,
            -0.0,
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::from_bits(1),
            f64::from_bits((1 << 52) - 1),
            f64::EPSILON,
            1e23,
            // 1e23 is a halfway point: the floats on either side.
            f64::from_bits(1e23f64.to_bits() + 1),
            5e-324,
            0.1,
            0.2 + 0.1,
            1.0 / 3.0,
        ];
        let with_neighbours = |p: f64| {
            let bits = p.to_bits();
            [
                p,
                f64::from_bits(bits.saturating_sub(1)),
                f64::from_bits(bits + 1),
            ]
        };
        for e in 0..52 {
            values.extend(with_neighbours(f64::from_bits(1 << e)));
        }
        for biased in 1..2047 {
            values.extend(with_neighbours(f64::from_bits(biased << 52)));
        }
        for e in -325..=308 {
            values.extend(with_neighbours(format!("1e{e}").parse().unwrap()));
        }
        for n in 0..2000 {
            values.push(n as f64 / 16.0);
            values.push(n as f64 / 1024.0 + 0.0005);
            values.push(n as f64 / 1000.0);
            values.push(5.0 + 87.0 * (n as f64 / 4999.0));
        }
        values
    }

    #[test]
    fn edge_values_format_as_core_formats_them() {
        for v in edge_values() {
            check_format(v);
            check_format(-v);
        }
    }

    #[test]
    fn random_values_format_as_core_formats_them() {
        let seed = 0x5eed_f10a7;
        let mut g = Gen(seed);
        for _ in 0..10_000 {
            let v = f64::from_bits(g.next());
            assert_eq!(
                Decimal(v).to_string(),
                format!("{v}"),
                "seed {seed:#x}: {v:e}"
            );
            assert_eq!(
                format!("{:e}", Decimal(v)),
                format!("{v:e}"),
                "seed {seed:#x}"
            );
        }
        for _ in 0..5_000 {
            // Moderate magnitudes, where fixed decimals are short enough to compare many.
            let v = f64::from_bits(g.next()) % 1e6;
            if v.is_finite() {
                check_format(v);
            }
        }
    }

    #[test]
    fn edge_values_parse_as_core_parses_them() {
        for v in edge_values() {
            for text in [
                format!("{v}"),
                format!("{v:e}"),
                format!("{v:.20e}"),
                format!("{v:.3}"),
                format!("{v:?}"),
            ] {
                check_parse(&text);
            }
        }
        let long_zeros = "0".repeat(70_000);
        for text in [
            "",
            "+",
            "-",
            ".",
            "e5",
            "1e",
            "1e+",
            "1e-",
            "1.e5",
            ".5e-3",
            "-.5E+3",
            "5.",
            "inf",
            "-Infinity",
            "INF",
            "nan",
            "NaN",
            "+nan",
            "-nan",
            "infinit",
            "infinityy",
            "in",
            "1_0",
            " 1",
            "1 ",
            "0x10",
            "1..2",
            "1.2.3",
            "1e5.",
            "1e99999999999",
            "1e-99999999999",
            "00000.00000",
            "-0",
            "0e999999",
            "1e308",
            "1.8e308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "4.9406564584124654e-324",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "9007199254740993",
            "9007199254740992.5",
            "1e23",
            "8.98846567431158e307",
            "123456789012345678901234567890",
            "+.1",
            "٣",
        ] {
            check_parse(text);
        }
        check_parse(&format!("0.{long_zeros}1e70000"));
        check_parse(&format!("1{long_zeros}e-70000"));
        check_parse(&format!("1.{}e10", "9".repeat(900)));
        check_parse(&format!("0.{}1", "0".repeat(330)));
        // The largest numbers the parser works with: 801 digits at either end of the range.
        for exponent in ["e-1125", "e-1124", "e-1100", "e-800", "e-500"] {
            check_parse(&format!("{}{exponent}", "9".repeat(801)));
            check_parse(&format!("2{}1{exponent}", "4".repeat(900)));
        }
    }

    /// The exact decimal of the point halfway between the positive `v` and the next float up.
    fn halfway(v: f64) -> String {
        let next = f64::from_bits(v.to_bits() + 1);
        // Both exact decimals have at most 1,100 decimals; their sum halved is exact.
        let (a, b) = (format!("{v:.1100}"), format!("{next:.1100}"));
        let digits = |s: &str| {
            s.bytes()
                .filter(u8::is_ascii_digit)
                .map(|c| c - b'0')
                .collect::<Vec<_>>()
        };
        let (a, b) = (digits(&a), digits(&b));
        let width = a.len().max(b.len());
        let pad = |d: Vec<u8>| [vec![0; width - d.len()], d].concat();
        let (a, b) = (pad(a), pad(b));
        let mut sum = vec![0u8; width + 1];
        let mut carry = 0;
        for i in (0..width).rev() {
            let s = a[i] + b[i] + carry;
            sum[i + 1] = s % 10;
            carry = s / 10;
        }
        sum[0] = carry;
        // Halve, digit by digit, with one more decimal.
        let mut half = Vec::new();
        let mut rest = 0;
        for d in sum.into_iter().chain([0]) {
            let n = rest * 10 + d;
            half.push(b'0' + n / 2);
            rest = n % 2;
        }
        let split = half.len() - 1101;
        let (whole, fraction) = half.split_at(split);
        format!(
            "{}.{}",
            String::from_utf8_lossy(whole),
            String::from_utf8_lossy(fraction)
        )
    }

    #[test]
    fn halfway_points_parse_as_core_parses_them() {
        let seed = 0x5eed_4a1f;
        let mut g = Gen(seed);
        let mut values: Vec<f64> = (0..300)
            .map(|_| f64::from_bits(g.below(0x7fe0_0000_0000_0000)))
            .collect();
        values.extend([
            f64::from_bits(1),
            f64::from_bits((1 << 52) - 1),
            f64::MIN_POSITIVE,
            1.0,
            0.5,
            9007199254740992.0,
        ]);
        for v in values {
            let text = halfway(v);
            check_parse(&text);
            check_parse(&format!("{text}0000000000001"));
            let trimmed = text.trim_end_matches('0');
            check_parse(trimmed);
            // One unit up and down in the last of its digits.
            let mut down = trimmed.as_bytes().to_vec();
            let last = down.len() - 1;
            if down[last] > b'0' {
                down[last] -= 1;
                check_parse(std::str::from_utf8(&down).unwrap());
            }
        }
    }

    #[test]
    fn random_texts_parse_as_core_parses_them() {
        let seed = 0x5eed_7e47;
        let mut g = Gen(seed);
        let alphabet = b"0123456789.eE+-";
        for _ in 0..100_000 {
            let len = 1 + g.below(30) as usize;
            let text: String = (0..len)
                .map(|_| {
                    // Mostly digits, so that most texts are numbers.
                    let i = if g.below(4) == 0 {
                        g.below(15)
                    } else {
                        g.below(10)
                    };
                    alphabet[i as usize] as char
                })
                .collect();
            check_parse(&text);
        }
        for _ in 0..50_000 {
            let digits: String = (0..1 + g.below(40))
                .map(|_| (b'0' + g.below(10) as u8) as char)
                .collect();
            let point = g.below(digits.len() as u64 + 1) as usize;
            let exponent = g.below(700) as i64 - 350;
            check_parse(&format!(
                "{}.{}e{exponent}",
                &digits[..point],
                &digits[point..]
            ));
        }
    }
}
