//! The scenario's one random generator.
//!
//! SplitMix64: tiny, fast, identical on every target, and good enough for pod name suffixes
//! and coin flips. All randomness in a run comes from here, seeded by `Scenario.spec.seed`.

/// Kubernetes' alphabet for generated name suffixes (`k8s.io/apimachinery/pkg/util/rand`):
/// no vowels and no characters that look alike, so suffixes never spell words.
pub const NAME_ALPHABET: &[u8; 27] = b"bcdfghjklmnpqrstvwxz2456789";

/// A deterministic pseudo-random generator.
#[derive(Clone, Debug)]
pub struct SimRng {
    state: u64,
}

impl SimRng {
    pub fn new(seed: u64) -> Self {
        SimRng {
            state: seed ^ 0x6A09_E667_F3BC_C909,
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (n > 0), without modulo bias worth caring about for n < 2^32.
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// True with probability `p` (clamped to 0..=1).
    pub fn chance(&mut self, p: f64) -> bool {
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        unit < p.clamp(0.0, 1.0)
    }

    /// Five characters from [`NAME_ALPHABET`], as the API server appends to `generateName`.
    pub fn name_suffix(&mut self) -> NameSuffix {
        NameSuffix(std::array::from_fn(|_| {
            NAME_ALPHABET[self.below(27) as usize]
        }))
    }
}

/// The five characters Kubernetes appends to a generated name, as text on the stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameSuffix([u8; 5]);

impl NameSuffix {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("the alphabet is ASCII")
    }
}

impl std::fmt::Display for NameSuffix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_suffixes_use_the_alphabet() {
        let (mut a, mut b) = (SimRng::new(7), SimRng::new(7));
        let xs: Vec<String> = (0..20).map(|_| a.name_suffix().to_string()).collect();
        let ys: Vec<String> = (0..20).map(|_| b.name_suffix().to_string()).collect();
        assert_eq!(xs, ys);
        assert!(xs
            .iter()
            .all(|s| s.len() == 5 && s.bytes().all(|c| NAME_ALPHABET.contains(&c))));
        assert_ne!(SimRng::new(8).name_suffix(), SimRng::new(7).name_suffix());
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut r = SimRng::new(1);
        let mut seen = [false; 27];
        for _ in 0..2000 {
            seen[r.below(27) as usize] = true;
        }
        assert!(seen.iter().all(|s| *s));
    }
}
