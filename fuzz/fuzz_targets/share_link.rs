//! Any fragment through the share-link decoder (a link is someone else's input), and any
//! bytes through the compressor and back: no panic, no runaway allocation, exact round trips.
#![no_main]

use jobplay::view_model::compress::{compress, decompress};
use jobplay::view_model::share::{decode, encode, Shared};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = decode(text);
        let _ = decode(&format!("share=1.{text}"));
        let shared = Shared { text: text.to_string(), playhead_ms: data.len() as i64 * 977, speed: 20.0 };
        assert_eq!(decode(&encode(&shared)).as_ref(), Ok(&shared));
    }
    // Raw bytes as compressed data: refused or expanded within the limit.
    if let Ok(out) = decompress(data, 1 << 20) {
        assert!(out.len() <= 1 << 20);
    }
    assert_eq!(decompress(&compress(data), data.len()).as_deref(), Ok(data));
});
