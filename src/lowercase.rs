//! `str::to_lowercase` and `char::to_lowercase` with tables of their own, byte for byte as
//! core's (a test checks every char, and every char beside a `Σ`, against core). Core's
//! lowercase table is a pair of words per changed char, 11.7 KB of the wasm (4.4 KB gzipped);
//! the changed chars come in runs with one offset, so [`LOWER_RUNS`] is 184 runs, and the two
//! sets final sigma reads are ranges.
//!
//! The callers lower text that Kubernetes lowers with Go's `strings.ToLower` (annotation
//! keys, image references, probe schemes) or that a person types into a filter, so non-ASCII
//! input must lower as before: Go's `unicode.ToLower` maps the Kelvin sign to `k`, which makes
//! `\u{212A}` a valid annotation key, and lengths in bytes change with the lowering.

// The tables: written by `tables_are_core_s` with UPDATE_EXPECT=1.
include!("lowercase_tables.rs");

/// `s.to_lowercase()`.
pub fn to_lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            // Unicode's Final_Sigma, as core decides it: a capital sigma after a cased letter
            // (case-ignorable chars between) and not before one lowers to the final form.
            'Σ' => out.push(
                if case_ignorable_then_cased(s[..i].chars().rev())
                    && !case_ignorable_then_cased(s[i + 'Σ'.len_utf8()..].chars())
                {
                    'ς'
                } else {
                    'σ'
                },
            ),
            // The one char that lowers to two.
            'İ' => out.push_str("i\u{307}"),
            _ => out.push(lower_char(c)),
        }
    }
    out
}

/// Whether `c.to_lowercase()` is other than `c` (Go's `unicode.ToLower(c) != c`).
pub fn changes_when_lowered(c: char) -> bool {
    c == 'İ' || lower_char(c) != c
}

/// `c.to_lowercase()` for every char but `İ` (which lowers to two and is left as it is).
fn lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let x = c as u32;
    let i = LOWER_RUNS.partition_point(|&(run, _)| run & 0x1f_ffff <= x);
    let Some(&(run, delta)) = i.checked_sub(1).and_then(|i| LOWER_RUNS.get(i)) else {
        return c;
    };
    let (start, count, stride) = (run & 0x1f_ffff, (run >> 21) & 0x7f, (run >> 28) + 1);
    let off = x - start;
    if off % stride == 0 && off / stride < count {
        char::from_u32(x.wrapping_add_signed(delta)).unwrap_or(c)
    } else {
        c
    }
}

/// Core's `case_ignorable_then_cased`: the first char that is not case-ignorable is cased.
fn case_ignorable_then_cased(mut chars: impl Iterator<Item = char>) -> bool {
    chars
        .find(|&c| !in_ranges(&CASE_IGNORABLE, c))
        .is_some_and(|c| in_ranges(&CASED, c))
}

/// Whether `c` is in a table of ranges, each `start << 11 | (end - start)`.
fn in_ranges(table: &[u32], c: char) -> bool {
    let x = c as u32;
    let i = table.partition_point(|&r| r >> 11 <= x);
    i.checked_sub(1)
        .and_then(|i| table.get(i))
        .is_some_and(|&r| x - (r >> 11) <= r & 0x7ff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write;

    fn chars() -> impl Iterator<Item = char> {
        (0..=0x10_ffff).filter_map(char::from_u32)
    }

    fn final_sigma(s: &str) -> bool {
        s.to_lowercase().ends_with('ς')
    }

    /// The tables as core's lowering implies them. Case-ignorable and cased chars are
    /// read from how core lowers a sigma after them: after `ἀx`, it is final when `x` is
    /// case-ignorable or cased; after `x` alone, when `x` is cased and not case-ignorable
    /// (only the cased chars that are not case-ignorable are ever asked about).
    fn tables_text() -> String {
        let ranges = |f: &dyn Fn(char) -> bool| {
            let mut r: Vec<(u32, u32)> = vec![];
            for c in chars().filter(|&c| f(c)) {
                let c = c as u32;
                match r.last_mut() {
                    Some(l) if l.1 + 1 == c => l.1 = c,
                    _ => r.push((c, c)),
                }
            }
            r
        };
        let after_cased = |x: char| final_sigma(&format!("ἀ{x}Σ"));
        let alone = |x: char| final_sigma(&format!("{x}Σ"));
        let ci = ranges(&|x| after_cased(x) && !alone(x));
        let cased = ranges(&alone);
        let mut runs: Vec<(u32, u32, u32, i64)> = vec![];
        for c in chars().filter(|c| !c.is_ascii()) {
            let l: Vec<char> = c.to_lowercase().collect();
            if l.len() != 1 || l[0] == c {
                continue;
            }
            let (c, d) = (c as u32, i64::from(l[0] as u32) - i64::from(c as u32));
            if let Some(r) = runs.last_mut() {
                if r.3 == d && r.1 == 1 && (c - r.0 == 1 || c - r.0 == 2) {
                    (r.1, r.2) = (2, c - r.0);
                    continue;
                }
                if r.3 == d && r.1 > 1 && c == r.0 + r.1 * r.2 {
                    r.1 += 1;
                    continue;
                }
            }
            runs.push((c, 1, 1, d));
        }
        let mut out = String::new();
        writeln!(out, "const LOWER_RUNS: [(u32, i32); {}] = [", runs.len()).unwrap();
        for &(s, n, st, d) in &runs {
            assert!(s < 1 << 21 && n < 128);
            write!(out, "(0x{:x}, {d}),", s | n << 21 | (st - 1) << 28).unwrap();
        }
        writeln!(out, "];").unwrap();
        for (name, r) in [("CASE_IGNORABLE", ci), ("CASED", cased)] {
            writeln!(out, "const {name}: [u32; {}] = [", r.len()).unwrap();
            for (a, b) in r {
                assert!(a < 1 << 21 && b - a < 1 << 11);
                write!(out, "0x{:x},", a << 11 | (b - a)).unwrap();
            }
            writeln!(out, "];").unwrap();
        }
        out
    }

    #[test]
    fn tables_are_core_s() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/lowercase_tables.rs");
        let want = tables_text();
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap();
        assert!(
            have == want,
            "src/lowercase_tables.rs is stale: UPDATE_EXPECT=1 rewrites it"
        );
    }

    #[test]
    fn every_char_lowers_as_core_lowers_it() {
        for c in chars() {
            let s = c.to_string();
            assert_eq!(to_lowercase(&s), s.to_lowercase(), "{c:?}");
            assert_eq!(
                changes_when_lowered(c),
                c.to_lowercase().ne(std::iter::once(c)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn sigma_lowers_as_core_lowers_it_beside_every_char() {
        for c in chars() {
            for s in [
                format!("A{c}Σ"),
                format!("{c}Σ"),
                format!("Σ{c}"),
                format!("AΣ{c}"),
                format!("AΣ{c}a"),
                format!("{c}Σ{c}"),
            ] {
                assert_eq!(to_lowercase(&s), s.to_lowercase(), "{s:?}");
            }
        }
        for s in [
            "Σ",
            "ΣΣ",
            "ΣΣΣ",
            "ΑΣ Σ",
            "aΣ.",
            "a'Σ'",
            "ὈΔΥΣΣΕΎΣ",
            "A\u{345}Σ",
        ] {
            assert_eq!(to_lowercase(s), s.to_lowercase(), "{s:?}");
        }
    }
}
