//! `Shared<T>`: a part of an API object that copies of the object share until one changes it.
//!
//! The pods a Job creates copy its template: the container list, the labels, the owner
//! reference are the same in every pod of a big run. Held as `Shared`, a copy points at the
//! template's; the first change through `&mut` gives the changing object its own copy
//! (`Rc::make_mut`), so code reads and writes these fields as if they were plain values.

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::rc::Rc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }

    /// Whether two objects share this part (for tests of the sharing itself).
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Rc::ptr_eq(&a.0, &b.0)
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Rc::make_mut(&mut self.0)
    }
}

/// An empty part is shared as well: every default `Shared<T>` points at one empty `T` per
/// type (per thread), so an object built from `Default` and then given its template's parts
/// allocates nothing for the parts it replaces. The first write copies, as for any share.
impl<T: Default + 'static> Default for Shared<T> {
    fn default() -> Self {
        thread_local! {
            static EMPTIES: RefCell<Vec<(TypeId, Rc<dyn Any>)>> = const { RefCell::new(Vec::new()) };
        }
        let empty = EMPTIES.with(|empties| {
            let mut empties = empties.borrow_mut();
            match empties.iter().find(|(t, _)| *t == TypeId::of::<T>()) {
                Some((_, empty)) => empty.clone(),
                None => {
                    let empty: Rc<dyn Any> = Rc::new(T::default());
                    empties.push((TypeId::of::<T>(), empty.clone()));
                    empty
                }
            }
        });
        Shared(
            empty
                .downcast::<T>()
                .unwrap_or_else(|_| unreachable!("stored under its own TypeId")),
        )
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Shared::new(value)
    }
}

impl<'a, T> IntoIterator for &'a Shared<T>
where
    &'a T: IntoIterator,
{
    type Item = <&'a T as IntoIterator>::Item;
    type IntoIter = <&'a T as IntoIterator>::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        (&*self.0).into_iter()
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Shared::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_shares_until_it_changes() {
        let template: Shared<Vec<u8>> = vec![1, 2].into();
        let mut copy = template.clone();
        assert!(Shared::ptr_eq(&template, &copy));
        copy.push(3);
        assert!(!Shared::ptr_eq(&template, &copy));
        assert_eq!((&*template, &*copy), (&vec![1, 2], &vec![1, 2, 3]));
        assert_ne!(template, copy);
        assert_eq!(template, Shared::new(vec![1, 2]));
    }

    #[test]
    fn defaults_share_one_empty_value_until_written() {
        let (a, mut b): (Shared<Vec<u8>>, Shared<Vec<u8>>) = (Shared::default(), Shared::default());
        assert!(Shared::ptr_eq(&a, &b));
        let other: Shared<Vec<u16>> = Shared::default();
        assert!(other.is_empty(), "each type has its own empty value");
        b.push(1);
        assert!(!Shared::ptr_eq(&a, &b));
        assert_eq!(
            (a.len(), b.len()),
            (0, 1),
            "writing one leaves the shared empty value empty"
        );
        assert!(Shared::<Vec<u8>>::default().is_empty());
    }
}
