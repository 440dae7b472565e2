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
use std::ops::Deref;
use std::rc::Rc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone)]
pub enum Str {
    Static(&'static str),
    Shared(Rc<str>),
}

impl Str {
    pub fn as_str(&self) -> &str {
        match self {
            Str::Static(s) => s,
            Str::Shared(s) => s,
        }
    }

    /// Text borrowed for less than the program's life, copied into a shared string.
    pub fn copy(s: &str) -> Str {
        Str::from(s.to_string())
    }

    /// For `skip_serializing_if` and other places that name the function.
    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }
}

impl Default for Str {
    fn default() -> Self {
        Str::Static("")
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
        Str::Static(s)
    }
}

impl From<String> for Str {
    fn from(s: String) -> Self {
        if s.is_empty() {
            Str::default()
        } else {
            Str::Shared(s.into())
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
    /// The same text in the same place (one shared copy, or one literal): equal without
    /// reading the bytes. Pods share their node's name and most status words are literals,
    /// so views that group thousands of pods mostly answer here.
    fn same_text(&self, other: &Str) -> bool {
        let (a, b) = (self.as_str(), other.as_str());
        std::ptr::eq(a.as_ptr(), b.as_ptr()) && a.len() == b.len()
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
    fn copies_share_their_text_and_literals_allocate_nothing() {
        let text = Str::from(format!("job-{}", 7));
        let copy = text.clone();
        match (&text, &copy) {
            (Str::Shared(a), Str::Shared(b)) => assert!(Rc::ptr_eq(a, b)),
            _ => panic!("formatted text is shared"),
        }
        assert!(matches!(Str::from("True"), Str::Static("True")));
        assert!(matches!(Str::from(String::new()), Str::Static("")));
    }

    #[test]
    fn compares_orders_and_hashes_as_its_text() {
        use std::collections::{BTreeMap, HashMap};
        let shared = Str::from("Ready".to_string());
        assert_eq!(shared, Str::from("Ready"));
        assert!(shared == "Ready" && "Ready" == shared && shared == *"Ready");
        assert!(Str::from("a") < Str::from("b".to_string()));
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
