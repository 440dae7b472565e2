//! A small compressor for share links: LZ77 back-references (scenario texts repeat
//! `apiVersion`, `metadata`, `template`, `containers` in every manifest) coded with an
//! adaptive binary range coder, as LZMA does, so a one-Job scenario still shrinks to about
//! half. A few kilobytes of wasm instead of a deflate crate, and a decoder simple enough to
//! trust with any input: a share link is someone else's bytes.
//!
//! Format: a LEB128 varint with the output length, then the range-coded commands. Each command
//! is a flag bit (literal or copy); a literal is 8 bits in a tree whose context is the top 3
//! bits of the previous byte; a copy is its length − 4 and distance − 1 in Elias-gamma form.

/// Shorter repeats are cheaper as literals.
const MIN_MATCH: usize = 4;
/// How far back a match may reach.
const WINDOW: usize = 1 << 20;
/// Candidates tried per position: enough for text, bounded for hostile input.
const MAX_CHAIN: usize = 48;
const HASH_BITS: u32 = 15;

/// Why compressed bytes could not be expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The data ends before its commands do: it was cut short.
    Truncated,
    /// A copy reaches outside the output, or a number is malformed.
    Corrupt,
    /// The output would exceed the limit given.
    TooLarge,
}

pub fn compress(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 2 + 16);
    write_varint(&mut out, input.len() as u64);
    let mut coder = Encoder::new(out);
    let mut model = Model::new();
    let mut head = vec![u32::MAX; 1 << HASH_BITS];
    let mut prev = vec![u32::MAX; input.len()];
    let mut i = 0;
    while i < input.len() {
        let (length, distance) = longest_match(input, i, &head, &prev);
        let previous = if i == 0 { 0 } else { input[i - 1] };
        if length >= MIN_MATCH {
            model.code_copy(&mut coder, length - MIN_MATCH, distance - 1);
            for p in i..i + length {
                insert(input, p, &mut head, &mut prev);
            }
            i += length;
        } else {
            model.code_literal(&mut coder, previous, input[i]);
            insert(input, i, &mut head, &mut prev);
            i += 1;
        }
    }
    coder.finish()
}

/// Expands `data`, refusing to produce more than `limit` bytes.
pub fn decompress(data: &[u8], limit: usize) -> Result<Vec<u8>, DecodeError> {
    let mut at = 0;
    let length = usize::try_from(read_varint(data, &mut at)?).map_err(|_| DecodeError::TooLarge)?;
    if length > limit {
        return Err(DecodeError::TooLarge);
    }
    let mut decoder = Decoder::new(&data[at..]);
    let mut model = Model::new();
    // The declared length is untrusted: grow as bytes arrive, not all at once.
    let mut out: Vec<u8> = Vec::with_capacity(length.min(data.len().saturating_mul(8)));
    while out.len() < length {
        if decoder.overrun {
            return Err(DecodeError::Truncated);
        }
        match model.decode(&mut decoder, out.last().copied().unwrap_or(0)) {
            Command::Literal(b) => out.push(b),
            Command::Copy {
                length: extra,
                distance: d,
            } => {
                let distance = d.saturating_add(1);
                let copy = extra.saturating_add(MIN_MATCH);
                if distance > out.len() || copy > length - out.len() {
                    return Err(if decoder.overrun {
                        DecodeError::Truncated
                    } else {
                        DecodeError::Corrupt
                    });
                }
                let from = out.len() - distance;
                for k in 0..copy {
                    let b = out[from + k];
                    out.push(b);
                }
            }
        }
    }
    if decoder.overrun {
        return Err(DecodeError::Truncated);
    }
    Ok(out)
}

enum Command {
    Literal(u8),
    Copy { length: usize, distance: usize },
}

/// The adaptive probabilities both sides keep in step.
struct Model {
    /// Whether the next command is a copy, by whether the last one was.
    is_copy: [u16; 2],
    last_was_copy: usize,
    /// Literal trees, one per context (top 3 bits of the previous byte).
    literal: Vec<u16>,
    length: Gamma,
    distance: Gamma,
}

impl Model {
    fn new() -> Model {
        Model {
            is_copy: [HALF; 2],
            last_was_copy: 0,
            literal: vec![HALF; 8 * 256],
            length: Gamma::new(),
            distance: Gamma::new(),
        }
    }

    fn code_literal(&mut self, coder: &mut Encoder, previous: u8, byte: u8) {
        coder.encode(&mut self.is_copy[self.last_was_copy], 0);
        self.last_was_copy = 0;
        let tree = &mut self.literal[usize::from(previous >> 5) * 256..][..256];
        let mut node = 1;
        for i in (0..8).rev() {
            let bit = u32::from(byte >> i & 1);
            coder.encode(&mut tree[node], bit);
            node = node * 2 + bit as usize;
        }
    }

    fn code_copy(&mut self, coder: &mut Encoder, length: usize, distance: usize) {
        coder.encode(&mut self.is_copy[self.last_was_copy], 1);
        self.last_was_copy = 1;
        self.length.encode(coder, length as u64);
        self.distance.encode(coder, distance as u64);
    }

    fn decode(&mut self, decoder: &mut Decoder, previous: u8) -> Command {
        let copy = decoder.decode(&mut self.is_copy[self.last_was_copy]) == 1;
        self.last_was_copy = usize::from(copy);
        if copy {
            let length = usize::try_from(self.length.decode(decoder)).unwrap_or(usize::MAX);
            let distance = usize::try_from(self.distance.decode(decoder)).unwrap_or(usize::MAX);
            return Command::Copy { length, distance };
        }
        let tree = &mut self.literal[usize::from(previous >> 5) * 256..][..256];
        let mut node = 1;
        while node < 256 {
            node = node * 2 + decoder.decode(&mut tree[node]) as usize;
        }
        Command::Literal((node - 256) as u8)
    }
}

/// Elias-gamma coding of `v + 1` with adaptive bits: the bit count in unary, then the bits
/// below the leading one.
struct Gamma {
    unary: [u16; 64],
    bits: Vec<u16>,
}

const GAMMA_CONTEXTS: usize = 24;

impl Gamma {
    fn new() -> Gamma {
        Gamma {
            unary: [HALF; 64],
            bits: vec![HALF; GAMMA_CONTEXTS * GAMMA_CONTEXTS],
        }
    }

    fn bit_model(&mut self, width: usize, i: usize) -> &mut u16 {
        &mut self.bits[width.min(GAMMA_CONTEXTS - 1) * GAMMA_CONTEXTS + i.min(GAMMA_CONTEXTS - 1)]
    }

    fn encode(&mut self, coder: &mut Encoder, v: u64) {
        let n = v + 1;
        let width = 63 - n.leading_zeros() as usize;
        for k in 0..width {
            coder.encode(&mut self.unary[k], 1);
        }
        coder.encode(&mut self.unary[width], 0);
        for i in (0..width).rev() {
            coder.encode(self.bit_model(width, i), (n >> i & 1) as u32);
        }
    }

    fn decode(&mut self, decoder: &mut Decoder) -> u64 {
        let mut width = 0;
        // At most 62 extra bits: the value still fits in u64 (and is then refused as too long).
        while width < 62 && decoder.decode(&mut self.unary[width]) == 1 {
            width += 1;
        }
        let mut n: u64 = 1;
        for i in (0..width).rev() {
            n = n << 1 | u64::from(decoder.decode(self.bit_model(width, i)));
        }
        n - 1
    }
}

// ---- the range coder (LZMA's) --------------------------------------------------------------

const MODEL_BITS: u32 = 11;
const HALF: u16 = 1 << (MODEL_BITS - 1);
const ADAPT: u32 = 5;
const TOP: u32 = 1 << 24;

struct Encoder {
    out: Vec<u8>,
    low: u64,
    range: u32,
    cache: u8,
    cache_size: u64,
}

impl Encoder {
    fn new(out: Vec<u8>) -> Encoder {
        Encoder {
            out,
            low: 0,
            range: u32::MAX,
            cache: 0,
            cache_size: 1,
        }
    }

    fn encode(&mut self, p: &mut u16, bit: u32) {
        let bound = (self.range >> MODEL_BITS) * u32::from(*p);
        if bit == 0 {
            self.range = bound;
            *p += ((1 << MODEL_BITS) - *p) >> ADAPT;
        } else {
            self.low += u64::from(bound);
            self.range -= bound;
            *p -= *p >> ADAPT;
        }
        while self.range < TOP {
            self.range <<= 8;
            self.shift_low();
        }
    }

    fn shift_low(&mut self) {
        if self.low < 0xFF00_0000 || self.low > 0xFFFF_FFFF {
            let carry = (self.low >> 32) as u8;
            let mut byte = self.cache;
            loop {
                self.out.push(byte.wrapping_add(carry));
                byte = 0xFF;
                self.cache_size -= 1;
                if self.cache_size == 0 {
                    break;
                }
            }
            self.cache = (self.low >> 24) as u8;
        }
        self.cache_size += 1;
        self.low = (self.low & 0x00FF_FFFF) << 8;
    }

    fn finish(mut self) -> Vec<u8> {
        for _ in 0..5 {
            self.shift_low();
        }
        self.out
    }
}

struct Decoder<'a> {
    data: &'a [u8],
    at: usize,
    range: u32,
    code: u32,
    /// Bytes were wanted past the end: the data was cut short.
    overrun: bool,
}

impl<'a> Decoder<'a> {
    fn new(data: &'a [u8]) -> Decoder<'a> {
        let mut d = Decoder {
            data,
            at: 0,
            range: u32::MAX,
            code: 0,
            overrun: false,
        };
        for _ in 0..5 {
            d.code = d.code << 8 | u32::from(d.next_byte());
        }
        d
    }

    fn next_byte(&mut self) -> u8 {
        match self.data.get(self.at) {
            Some(b) => {
                self.at += 1;
                *b
            }
            None => {
                self.overrun = true;
                0
            }
        }
    }

    fn decode(&mut self, p: &mut u16) -> u32 {
        let bound = (self.range >> MODEL_BITS) * u32::from(*p);
        let bit = if self.code < bound {
            self.range = bound;
            *p += ((1 << MODEL_BITS) - *p) >> ADAPT;
            0
        } else {
            self.code -= bound;
            self.range -= bound;
            *p -= *p >> ADAPT;
            1
        };
        while self.range < TOP {
            self.range <<= 8;
            self.code = self.code << 8 | u32::from(self.next_byte());
        }
        bit
    }
}

// ---- match finding and varints ---------------------------------------------------------------

fn hash(input: &[u8], i: usize) -> usize {
    let v = u32::from_le_bytes([input[i], input[i + 1], input[i + 2], input[i + 3]]);
    (v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

fn insert(input: &[u8], i: usize, head: &mut [u32], prev: &mut [u32]) {
    if i + MIN_MATCH <= input.len() {
        let h = hash(input, i);
        prev[i] = head[h];
        head[h] = i as u32;
    }
}

/// The longest earlier occurrence of the bytes at `i`: (length, distance).
fn longest_match(input: &[u8], i: usize, head: &[u32], prev: &[u32]) -> (usize, usize) {
    if i + MIN_MATCH > input.len() {
        return (0, 0);
    }
    let mut best = (0, 0);
    let mut candidate = head[hash(input, i)];
    for _ in 0..MAX_CHAIN {
        if candidate == u32::MAX || i - candidate as usize > WINDOW {
            break;
        }
        let c = candidate as usize;
        let length = input[c..]
            .iter()
            .zip(&input[i..])
            .take_while(|(a, b)| a == b)
            .count();
        if length > best.0 {
            best = (length, i - c);
        }
        candidate = prev[c];
    }
    best
}

pub fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn read_varint(data: &[u8], at: &mut usize) -> Result<u64, DecodeError> {
    let mut v: u64 = 0;
    for shift in (0..64).step_by(7) {
        let b = *data.get(*at).ok_or(DecodeError::Truncated)?;
        *at += 1;
        let bits = u64::from(b & 0x7f);
        if shift == 63 && bits > 1 {
            return Err(DecodeError::Corrupt);
        }
        v |= bits << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(DecodeError::Corrupt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(input: &[u8]) -> Vec<u8> {
        let packed = compress(input);
        assert_eq!(
            decompress(&packed, input.len()).unwrap(),
            input,
            "round trip of {} bytes",
            input.len()
        );
        packed
    }

    #[test]
    fn manifests_shrink_and_every_input_round_trips() {
        for (name, at_most_percent) in [
            ("sequential-vs-parallel", 45),
            ("pi", 75),
            ("cronjob-dst", 65),
        ] {
            let manifest = std::fs::read_to_string(format!(
                "{}/static/examples/{name}.yaml",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            let packed = round_trip(manifest.as_bytes());
            println!("{name}: {} of {} bytes", packed.len(), manifest.len());
            assert!(
                packed.len() * 100 <= manifest.len() * at_most_percent,
                "{name}: {} of {} bytes",
                packed.len(),
                manifest.len()
            );
        }
        for input in [
            &b""[..],
            b"a",
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            b"abcabcabcabcx",
            "ü✓ 日本".as_bytes(),
        ] {
            round_trip(input);
        }
        let all: Vec<u8> = (0..=255).cycle().take(5000).collect();
        round_trip(&all);
        // Pseudo-random bytes: nothing to find, still exact.
        let noise: Vec<u8> = (0u64..20_000)
            .map(|i| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8)
            .collect();
        round_trip(&noise);
    }

    #[test]
    fn damaged_data_is_refused_not_misread() {
        let text = b"kind: Job\nmetadata: {name: a}\nkind: Job\nmetadata: {name: b}\n";
        let packed = compress(text);
        for cut in 1..packed.len() {
            let got = decompress(&packed[..packed.len() - cut], 1000);
            assert!(got.is_err(), "cut {cut} bytes: {got:?}");
        }
        assert_eq!(
            decompress(&packed[..packed.len() - 6], 1000),
            Err(DecodeError::Truncated)
        );
        // A declared length past the limit, before any work is done.
        assert_eq!(decompress(&packed, 10), Err(DecodeError::TooLarge));
        assert_eq!(decompress(&[0xff; 11], 1000), Err(DecodeError::Corrupt));
        assert_eq!(decompress(&[], 1000), Err(DecodeError::Truncated));
    }
}
