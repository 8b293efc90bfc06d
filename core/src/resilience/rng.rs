//! A small deterministic generator for jitter: SplitMix64 (Steele, Lea and
//! Flood, 2014). The caller supplies the seed (a fixed one in tests, an OS
//! random value in production); nothing here reads a source of randomness.

/// The SplitMix64 generator. Not for secrets: only for spreading delays.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

impl SplitMix64 {
    /// A generator starting from `seed`.
    #[must_use]
    pub const fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// A generator from a seed and a stream number (an attempt, a trip count),
    /// so that one fixed seed still gives a different value per stream.
    #[must_use]
    pub fn with_stream(seed: u64, stream: u64) -> Self {
        let mut mixer = Self::new(seed ^ stream.wrapping_mul(GOLDEN_GAMMA).rotate_left(17));
        Self::new(mixer.next_u64())
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform value in `[0, 1)` with 53 bits of precision.
    pub fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn reference_sequence() {
        // First outputs of SplitMix64 seeded with 0 (the reference implementation's values).
        let mut g = SplitMix64::new(0);
        assert_eq!(g.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(g.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(g.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn unit_values_stay_in_range_and_spread() {
        let mut g = SplitMix64::new(42);
        let mut below_half = 0;
        for _ in 0..10_000 {
            let u = g.next_unit();
            assert!((0.0..1.0).contains(&u));
            if u < 0.5 {
                below_half += 1;
            }
        }
        assert!((4_700..5_300).contains(&below_half), "{below_half}");
    }

    #[test]
    fn streams_differ_for_one_seed() {
        let a = SplitMix64::with_stream(7, 1).next_u64();
        let b = SplitMix64::with_stream(7, 2).next_u64();
        assert_ne!(a, b);
        assert_eq!(a, SplitMix64::with_stream(7, 1).next_u64());
    }
}
