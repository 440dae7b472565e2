//! `perl -Mbignum=bpi -wle 'print bpi(N)'`, the docs' pi Job: π to N significant digits,
//! computed. Math::BigFloat's `bpi(N)` rounds to N digits (its default mode, half to even)
//! and `print` writes them as `3.14159…`; `-l` ends the line. Machin's formula
//! π = 16·atan(1/5) − 4·atan(1/239) on fixed-point big integers (base 10⁹ limbs) with guard
//! digits. Any other perl program is not simulated.

use super::Call;
use crate::sh::Output;

/// The most digits jobplay computes (the cost grows with the square).
const MAX_DIGITS: usize = 10_000;
const GUARD: usize = 12;
const BASE: u64 = 1_000_000_000;

pub fn perl(mut c: Call) -> Option<Output> {
    let mut program = None;
    let mut bignum = false;
    let mut newline = false;
    let mut k = 0;
    while let Some(a) = c.args.get(k) {
        k += 1;
        let flags = a.strip_prefix('-')?;
        if let Some(module) = flags.strip_prefix('M') {
            bignum |=
                module == "bignum=bpi" || module == "bigrat=bpi" || module == "Math::BigFloat=bpi";
            continue;
        }
        newline |= flags.contains('l');
        if flags.ends_with('e') {
            program = Some(c.args.get(k)?.clone());
            k += 1;
        }
    }
    let digits = parse_program(&program?)?;
    if !bignum || digits == 0 || digits > MAX_DIGITS {
        return None;
    }
    c.host.note(
        "perl's computing time is not simulated: the container runs for the default time".into(),
    );
    let mut text = pi_digits(digits);
    if newline {
        text.push('\n');
    }
    c.print(&text);
    Some(c.out)
}

/// `print bpi(N)` (spaces and a final `;` allowed): N.
fn parse_program(p: &str) -> Option<usize> {
    let p = p.trim().trim_end_matches(';').trim();
    let rest = p.strip_prefix("print")?.trim_start();
    let inner = rest.strip_prefix("bpi(")?.strip_suffix(')')?;
    inner.trim().parse().ok()
}

/// π rounded to `n` significant digits, as Math::BigFloat prints it.
pub fn pi_digits(n: usize) -> String {
    let work = n + GUARD;
    let limbs = work / 9 + 2;
    let a = arctan_inverse(5, limbs);
    let b = arctan_inverse(239, limbs);
    // π·10^(9·limbs') as 16a − 4b, in limbs (little-endian, base 10⁹).
    let mut pi = mul_small(&a, 16);
    sub_in_place(&mut pi, &mul_small(&b, 4));
    let mut text = to_decimal(&pi);
    // `text` is π's digits from the 3; keep n of them, rounded half to even.
    let rest: Vec<u8> = text.as_bytes()[n..].to_vec();
    text.truncate(n);
    let mut d: Vec<u8> = text.into_bytes();
    let first = rest.first().copied().unwrap_or(b'0');
    let tail_nonzero = rest.iter().skip(1).any(|b| *b != b'0');
    let last_odd = d.last().is_some_and(|b| (b - b'0') % 2 == 1);
    if first > b'5' || (first == b'5' && (tail_nonzero || last_odd)) {
        let mut i = d.len();
        while i > 0 {
            i -= 1;
            if d[i] == b'9' {
                d[i] = b'0';
            } else {
                d[i] += 1;
                break;
            }
        }
    }
    let mut out = String::with_capacity(n + 1);
    out.push(char::from(d[0]));
    if n > 1 {
        out.push('.');
        out.push_str(std::str::from_utf8(&d[1..]).unwrap_or(""));
    }
    out
}

/// atan(1/x) · 10^(9·(limbs−1)), as limbs: Σ (−1)^k / ((2k+1)·x^(2k+1)).
fn arctan_inverse(x: u32, limbs: usize) -> Vec<u32> {
    let mut term = vec![0u32; limbs];
    term[limbs - 1] = 1;
    div_small(&mut term, x);
    let mut sum = term.clone();
    let x2 = x * x;
    let mut k: u32 = 1;
    while term.iter().any(|l| *l != 0) {
        div_small(&mut term, x2);
        let mut t = term.clone();
        div_small(&mut t, 2 * k + 1);
        if k % 2 == 1 {
            sub_in_place(&mut sum, &t);
        } else {
            add_in_place(&mut sum, &t);
        }
        k += 1;
    }
    sum
}

fn div_small(v: &mut [u32], d: u32) {
    let mut rem: u64 = 0;
    for limb in v.iter_mut().rev() {
        let cur = rem * BASE + u64::from(*limb);
        *limb = (cur / u64::from(d)) as u32;
        rem = cur % u64::from(d);
    }
}

fn mul_small(v: &[u32], m: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(v.len() + 1);
    let mut carry: u64 = 0;
    for limb in v {
        let cur = u64::from(*limb) * u64::from(m) + carry;
        out.push((cur % BASE) as u32);
        carry = cur / BASE;
    }
    if carry > 0 {
        out.push(carry as u32);
    }
    out
}

fn add_in_place(a: &mut [u32], b: &[u32]) {
    let mut carry = 0u32;
    for (i, limb) in a.iter_mut().enumerate() {
        let sum = *limb + b.get(i).copied().unwrap_or(0) + carry;
        carry = u32::from(sum >= BASE as u32);
        *limb = sum - carry * BASE as u32;
    }
}

fn sub_in_place(a: &mut [u32], b: &[u32]) {
    let mut borrow = 0i64;
    for (i, limb) in a.iter_mut().enumerate() {
        let mut diff = i64::from(*limb) - i64::from(b.get(i).copied().unwrap_or(0)) - borrow;
        borrow = i64::from(diff < 0);
        if diff < 0 {
            diff += BASE as i64;
        }
        *limb = diff as u32;
    }
}

/// The decimal digits of a limb vector, without leading zeros.
fn to_decimal(v: &[u32]) -> String {
    let mut out = String::new();
    let mut started = false;
    for limb in v.iter().rev() {
        if !started {
            if *limb == 0 {
                continue;
            }
            started = true;
            out.push_str(&crate::sh::exec::num(i64::from(*limb)));
            continue;
        }
        let t = crate::sh::exec::num(i64::from(*limb));
        for _ in t.len()..9 {
            out.push('0');
        }
        out.push_str(&t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pi_is_rounded_to_the_digits_asked_for() {
        assert_eq!(pi_digits(1), "3");
        assert_eq!(pi_digits(5), "3.1416");
        assert_eq!(pi_digits(10), "3.141592654");
        assert_eq!(pi_digits(30), "3.14159265358979323846264338328");
        let long = pi_digits(2000);
        assert_eq!(long.len(), 2001);
        assert_eq!(&long[long.len() - 20..], "59958133904780275901");
    }
}
