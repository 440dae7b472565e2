//! `Str`, the string of API objects: a literal, or text shared by every copy.
//!
//! A big run holds a hundred thousand pods made from one template, and most of a pod's
//! strings are either the template's (labels, owner reference, container name and image) or
//! fixed words the controllers write (`True`, `Completed`, `PodScheduled`). As `String`s each
//! was its own allocation, some sixty per pod; as `Str` a literal costs nothing and a copy of
//! the template shares its text.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::NonNull;
use std::rc::Rc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A literal or a shared `Rc<str>`, in two words: the text's address, and its length with
/// the top bit saying whether the text is an `Rc<str>` this value holds a count of. An enum
/// of the two fat pointers takes three words; a big run holds some fifty of these per pod and
/// two per event, and the third word was a fifth of the 100,000-completion run's memory
/// (318 MB against 259 MB natively).
pub struct Str {
    ptr: NonNull<u8>,
    len: usize,
    /// Counted like an `Rc`: not to be sent or shared across threads.
    _rc: PhantomData<Rc<str>>,
}

/// The length's top bit: the text belongs to an `Rc<str>`.
const SHARED: usize = 1 << (usize::BITS - 1);

impl Str {
    fn literal(text: &'static str) -> Str {
        Str {
            ptr: NonNull::from(text.as_bytes()).cast(),
            len: text.len(),
            _rc: PhantomData,
        }
    }

    fn shared(text: Rc<str>) -> Str {
        let len = text.len();
        assert!(len < SHARED, "text shorter than half the address space");
        // The count `text` held moves into this value; `Drop` gives it back.
        let ptr = NonNull::new(Rc::into_raw(text) as *const u8 as *mut u8)
            .expect("an Rc's text is not null");
        Str {
            ptr,
            len: len | SHARED,
            _rc: PhantomData,
        }
    }

    fn is_shared(&self) -> bool {
        self.len & SHARED != 0
    }

    /// The `Rc<str>` pointer this value holds a count of (meaningful when `is_shared`).
    fn rc_text(&self) -> *const str {
        std::ptr::slice_from_raw_parts(self.ptr.as_ptr() as *const u8, self.len & !SHARED)
            as *const str
    }

    pub fn as_str(&self) -> &str {
        // SAFETY: `ptr` and the length were taken from a `&'static str` or from an `Rc<str>`
        // whose count this value holds until it drops, so the bytes are live UTF-8.
        unsafe {
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(
                self.ptr.as_ptr(),
                self.len & !SHARED,
            ))
        }
    }

    /// Text borrowed for less than the program's life, copied into a shared string.
    pub fn copy(s: &str) -> Str {
        if s.is_empty() {
            return Str::default();
        }
        Str::shared(Rc::from(s))
    }

    /// Formatted text in one allocation: written on the stack first (a name, a UID, a
    /// resource version, most event messages fit), then copied once into the shared string.
    /// `format!` then `Str::from` costs the `String`'s growth and a second copy.
    pub fn format(args: fmt::Arguments) -> Str {
        match args.as_str() {
            // A literal with nothing to format is the program's own text: no copy at all.
            Some(literal) => Str::literal(literal),
            None => Str::with_formatted(args, Str::copy),
        }
    }

    /// Formats `args` on the stack (spilling to the heap only past a few lines) and hands the
    /// text to `use_text`: a caller that may find the text already shared allocates nothing.
    pub fn with_formatted<R>(args: fmt::Arguments, use_text: impl FnOnce(&str) -> R) -> R {
        if let Some(literal) = args.as_str() {
            return use_text(literal);
        }
        let mut text = StackText {
            buf: [0; STACK_TEXT],
            len: 0,
            spilled: None,
        };
        fmt::write(&mut text, args).expect("writing to memory does not fail");
        match &text.spilled {
            Some(long) => use_text(long),
            // Only whole `str`s were copied in, so the bytes are UTF-8.
            None => use_text(
                std::str::from_utf8(&text.buf[..text.len]).expect("whole strs were written"),
            ),
        }
    }

    /// For `skip_serializing_if` and other places that name the function.
    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }
}

const STACK_TEXT: usize = 160;

/// A `fmt::Write` that fills a fixed buffer and moves to a `String` only when it overflows.
struct StackText {
    buf: [u8; STACK_TEXT],
    len: usize,
    spilled: Option<String>,
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if let Some(long) = &mut self.spilled {
            long.push_str(s);
        } else if let Some(room) = self.buf.get_mut(self.len..self.len + s.len()) {
            room.copy_from_slice(s.as_bytes());
            self.len += s.len();
        } else {
            let mut long = String::with_capacity(2 * STACK_TEXT + s.len());
            long.push_str(
                std::str::from_utf8(&self.buf[..self.len]).expect("whole strs were written"),
            );
            long.push_str(s);
            self.spilled = Some(long);
        }
        Ok(())
    }
}

impl Clone for Str {
    fn clone(&self) -> Self {
        if self.is_shared() {
            // SAFETY: this value holds a count of the `Rc<str>`, so it is live; the copy
            // takes a count of its own.
            unsafe { Rc::increment_strong_count(self.rc_text()) }
        }
        Str {
            ptr: self.ptr,
            len: self.len,
            _rc: PhantomData,
        }
    }
}

impl Drop for Str {
    fn drop(&mut self) {
        if self.is_shared() {
            // SAFETY: gives back the count this value took in `shared` or `clone`.
            unsafe { Rc::decrement_strong_count(self.rc_text()) }
        }
    }
}

impl Default for Str {
    fn default() -> Self {
        Str::literal("")
    }
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for Str {
    fn from(s: &'static str) -> Self {
        Str::literal(s)
    }
}

impl From<String> for Str {
    fn from(s: String) -> Self {
        if s.is_empty() {
            Str::default()
        } else {
            Str::shared(s.into())
        }
    }
}

impl From<Str> for String {
    fn from(s: Str) -> Self {
        s.as_str().to_string()
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Str {
    /// Whether `text` is this very text, in the same place (one shared copy, or one literal):
    /// equal without reading the bytes. Pods share their node's name and most status words
    /// are literals, so views that group thousands of pods mostly answer here; the pod map
    /// recognises a pod's own name this way.
    pub fn same_text(&self, text: &str) -> bool {
        let own = self.as_str();
        std::ptr::eq(own.as_ptr(), text.as_ptr()) && own.len() == text.len()
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.same_text(other) || self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str {
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        if self.same_text(other) {
            return std::cmp::Ordering::Equal;
        }
        self.as_str().cmp(other.as_str())
    }
}

/// Hashes as the `str` it holds, as `Borrow<str>` requires.
impl Hash for Str {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Str::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_writes_short_and_long_text_alike() {
        assert_eq!(Str::format(format_args!("rv {}", 42)), "rv 42");
        assert!(
            !Str::format(format_args!("literal")).is_shared(),
            "a literal is kept, not copied"
        );
        assert_eq!(Str::format(format_args!("{}", "")), "");
        let long = "é".repeat(200);
        assert_eq!(
            Str::format(format_args!("{long}: {}", 7)),
            format!("{long}: 7")
        );
        // Exactly at the edge of the stack buffer, and one past it.
        let edge = "x".repeat(STACK_TEXT - 1);
        assert_eq!(Str::format(format_args!("{edge}{}", 1)).len(), STACK_TEXT);
        assert_eq!(
            Str::format(format_args!("{edge}{}", 12)).len(),
            STACK_TEXT + 1
        );
    }

    #[test]
    fn copies_share_their_text_and_literals_allocate_nothing() {
        let text = Str::from(format!("job-{}", 7));
        let copy = text.clone();
        assert!(
            text.is_shared() && copy.is_shared(),
            "formatted text is shared"
        );
        assert!(text.same_text(&copy), "a copy points at the same text");
        let literal = "True";
        assert!(
            !Str::from(literal).is_shared()
                && std::ptr::eq(Str::from(literal).as_ptr(), literal.as_ptr())
        );
        assert!(!Str::from(String::new()).is_shared());
    }

    /// Every copy holds a count of the shared text and gives it back when dropped: the text
    /// lives exactly as long as its last copy.
    #[test]
    fn copies_count_the_shared_text() {
        let rc: Rc<str> = Rc::from("pod-a");
        let text = Str::shared(rc.clone());
        assert_eq!(Rc::strong_count(&rc), 2);
        let copies: Vec<Str> = (0..3).map(|_| text.clone()).collect();
        assert_eq!(Rc::strong_count(&rc), 5);
        drop(text);
        assert_eq!(Rc::strong_count(&rc), 4);
        assert_eq!(copies[2], "pod-a");
        drop(copies);
        assert_eq!(Rc::strong_count(&rc), 1);
        let weak = Rc::downgrade(&rc);
        drop(rc);
        assert!(
            weak.upgrade().is_none(),
            "the text is freed with its last holder"
        );
    }

    #[test]
    fn is_two_words_and_optional_for_free() {
        assert_eq!(std::mem::size_of::<Str>(), 2 * std::mem::size_of::<usize>());
        assert_eq!(
            std::mem::size_of::<Option<Str>>(),
            std::mem::size_of::<Str>()
        );
    }

    #[test]
    fn compares_orders_and_hashes_as_its_text() {
        use std::collections::{BTreeMap, HashMap};
        let shared = Str::from("Ready".to_string());
        assert_eq!(shared, Str::from("Ready"));
        // Each comparison below is one of Str's PartialEq impls, written out on purpose.
        assert!(shared == "Ready");
        assert!("Ready" == shared);
        #[allow(clippy::op_ref, reason = "checks the impl for a dereferenced &str")]
        let by_deref = shared == *"Ready";
        assert!(by_deref);
        let (literal, owned) = (Str::from("a"), Str::from(String::from("b")));
        assert!(literal < owned);
        let ordered: BTreeMap<Str, u8> = [(shared.clone(), 1)].into_iter().collect();
        assert_eq!(ordered.get("Ready"), Some(&1));
        let hashed: HashMap<Str, u8> = [(shared, 2)].into_iter().collect();
        assert_eq!(hashed.get("Ready"), Some(&2));
    }

    #[test]
    fn reads_and_writes_as_a_plain_string() {
        let s: Str = serde_json::from_str("\"busybox\"").unwrap();
        assert_eq!(s, "busybox");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"busybox\"");
        assert!(serde_json::from_str::<Str>("3").is_err());
    }
}
