//! `Deserialize` for a struct from a table of its fields.
//!
//! serde's derive compiles a visitor per struct: a local per field, a duplicate check and an
//! error path that drops every other local, and a key visitor of its own; over the thirty-odd
//! structs a manifest decodes into, some 50 KB of wasm. Here a struct is its field table and
//! one small `decode_field`, and every struct shares one field loop. The decoding is the
//! derive's with `#[serde(default)]`: absent fields keep the struct's default, unknown fields
//! are skipped, a repeated field is an error, and the deserializer gets the struct's name and
//! field list (the scenario deserializer warns about unknown fields from them).

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// A struct that decodes field by field from its table: see [`deserialize_by_table!`].
pub trait Table: Default {
    /// The struct's name, as the derive passes it to `deserialize_struct`.
    const NAME: &'static str;
    /// Every decoded field's JSON name, in declaration order.
    const FIELDS: &'static [&'static str];
    /// Decodes the value of field `FIELDS[index]` from `map` into its field.
    fn decode_field<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;
    /// Decodes the fields in order from the elements of `seq`, serde's form of a struct as a
    /// list; a field past the list's end keeps its default.
    fn decode_elements<'de, A: SeqAccess<'de>>(&mut self, seq: &mut A) -> Result<(), A::Error>;
}

/// `Deserialize::deserialize` for a [`Table`] struct.
pub fn deserialize<'de, T: Table, D: de::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, TableVisitor(PhantomData))
}

struct TableVisitor<T>(PhantomData<T>);

impl<'de, T: Table> Visitor<'de> for TableVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut out = T::default();
        visit_fields(&mut map, T::FIELDS, &mut out)?;
        Ok(out)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        let mut out = T::default();
        out.decode_elements(&mut seq)?;
        Ok(out)
    }
}

/// A struct being decoded, as the field loop sees it: one `dyn` type for every struct.
trait DecodeField<'de, A: MapAccess<'de>> {
    fn decode_field(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;
}

impl<'de, A: MapAccess<'de>, T: Table> DecodeField<'de, A> for T {
    fn decode_field(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
        Table::decode_field(self, index, map)
    }
}

/// The field loop every table struct shares: compiled once per `MapAccess`, not per struct.
#[inline(never)]
fn visit_fields<'de, A: MapAccess<'de>>(
    map: &mut A,
    fields: &'static [&'static str],
    out: &mut dyn DecodeField<'de, A>,
) -> Result<(), A::Error> {
    let mut seen = 0u64;
    while let Some(key) = map.next_key::<String>()? {
        let Some(index) = fields.iter().position(|f| *f == key) else {
            map.next_value::<IgnoredAny>()?;
            continue;
        };
        if seen & (1 << index) != 0 {
            return Err(de::Error::duplicate_field(fields[index]));
        }
        seen |= 1 << index;
        out.decode_field(index, map)?;
    }
    Ok(())
}

/// Decodes the value of the field the map's last key named into `slot`. Out of line: each
/// struct's `decode_field` calls it once per field, and most fields share a type (`Option<i32>`,
/// `Str`, a pass-through `Raw` ...), so each type's store and error path is compiled once.
#[inline(never)]
pub fn decode_into<'de, T: de::Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut T,
    map: &mut A,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// Implements [`Table`] and `Deserialize` for a struct from its decoded fields and their JSON
/// names, in declaration order: `deserialize_by_table!(JobSpec { parallelism: "parallelism",
/// ... })`. A field left out is not decoded (and is an unknown field to the scenario
/// deserializer), as with `#[serde(skip_deserializing)]`; each module's tests check the table
/// against the names the derived `Serialize` writes. `deserialize_by_table!(X as "Y" { ... })`
/// names the Go type `Y` in decoding errors, for a struct that stands in for another.
macro_rules! deserialize_by_table {
    ($name:ident { $( $field:ident: $json:literal ),* $(,)? }) => {
        deserialize_by_table!($name as (stringify!($name)) { $( $field: $json, )* });
    };
    ($name:ident as $go_name:tt { $( $field:ident: $json:literal ),* $(,)? }) => {
        impl $crate::api::table::Table for $name {
            const NAME: &'static str = $go_name;
            const FIELDS: &'static [&'static str] = &[$( $json, )*];

            fn decode_field<'de, A: serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
            ) -> Result<(), A::Error> {
                // The variants number the fields as `FIELDS` lists them.
                #[allow(non_camel_case_types, reason = "each variant is named after its field")]
                enum Field { $( $field, )* }
                $(
                    if index == Field::$field as usize {
                        return $crate::api::table::decode_into(&mut self.$field, map);
                    }
                )*
                // Unreachable: the field loop passes only indexes of `FIELDS`.
                Ok(())
            }

            fn decode_elements<'de, A: serde::de::SeqAccess<'de>>(
                &mut self,
                seq: &mut A,
            ) -> Result<(), A::Error> {
                $(
                    if let Some(value) = seq.next_element()? {
                        self.$field = value;
                    }
                )*
                Ok(())
            }
        }

        const _: () = assert!(
            <$name as $crate::api::table::Table>::FIELDS.len() <= 64,
            "a repeated field is tracked in one word"
        );

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::api::table::deserialize(deserializer)
            }
        }
    };
}
pub(crate) use deserialize_by_table;

/// The names a derived `Serialize` gives a struct's fields, in order, whether it writes them
/// or skips them: what a decoding table must list.
#[cfg(test)]
pub fn serialized_field_names<T: serde::Serialize + Default>() -> Vec<&'static str> {
    let mut names = Vec::new();
    T::default()
        .serialize(names::FieldNames(&mut names))
        .expect("a struct");
    names
}

/// Checks that `T`'s table lists the fields its derived `Serialize` names, in order: a field
/// missing from the table, or misspelt in it, would be an unknown field to the decoder.
#[cfg(test)]
pub fn assert_table_matches_serialize<T: Table + serde::Serialize>() {
    assert_eq!(T::FIELDS, serialized_field_names::<T>(), "{}", T::NAME);
}

#[cfg(test)]
mod tests {
    use super::assert_table_matches_serialize as check;
    use crate::api::*;

    #[test]
    fn tables_name_the_fields_as_serialize_writes_them() {
        check::<CronJob>();
        check::<CronJobSpec>();
        check::<JobTemplateSpec>();
        check::<CronJobStatus>();
        check::<ObjectReference>();
        check::<Job>();
        check::<JobSpec>();
        check::<PodFailurePolicy>();
        check::<PodFailurePolicyRule>();
        check::<PodFailurePolicyOnExitCodesRequirement>();
        check::<PodFailurePolicyOnPodConditionsPattern>();
        check::<SuccessPolicy>();
        check::<SuccessPolicyRule>();
        check::<JobStatus>();
        check::<UncountedTerminatedPods>();
        check::<ObjectMeta>();
        check::<OwnerReference>();
        check::<LabelSelector>();
        check::<Condition>();
        check::<PodTemplateSpec>();
        check::<Container>();
        check::<EnvVar>();
        check::<EnvFromSource>();
        check::<ResourceRequirements>();
    }
}

#[cfg(test)]
mod names {
    //! A serializer that only records a struct's field names.

    use serde::ser::{self, Impossible, Serialize};
    use std::fmt;

    #[derive(Debug)]
    pub struct NotAStruct;

    impl fmt::Display for NotAStruct {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("not a struct")
        }
    }
    impl std::error::Error for NotAStruct {}
    impl ser::Error for NotAStruct {
        fn custom<T: fmt::Display>(_: T) -> Self {
            NotAStruct
        }
    }

    pub struct FieldNames<'n>(pub &'n mut Vec<&'static str>);

    impl ser::SerializeStruct for FieldNames<'_> {
        type Ok = ();
        type Error = NotAStruct;
        fn serialize_field<T: Serialize + ?Sized>(
            &mut self,
            key: &'static str,
            _: &T,
        ) -> Result<(), NotAStruct> {
            self.0.push(key);
            Ok(())
        }
        fn skip_field(&mut self, key: &'static str) -> Result<(), NotAStruct> {
            self.0.push(key);
            Ok(())
        }
        fn end(self) -> Result<(), NotAStruct> {
            Ok(())
        }
    }

    /// Every other shape is not a struct.
    macro_rules! not_a_struct {
        ($( $method:ident($($arg:ty),*) -> $ok:ty; )*) => {
            $( fn $method(self, $(_: $arg),*) -> Result<$ok, NotAStruct> { Err(NotAStruct) } )*
        };
    }

    impl<'n> ser::Serializer for FieldNames<'n> {
        type Ok = ();
        type Error = NotAStruct;
        type SerializeSeq = Impossible<(), NotAStruct>;
        type SerializeTuple = Impossible<(), NotAStruct>;
        type SerializeTupleStruct = Impossible<(), NotAStruct>;
        type SerializeTupleVariant = Impossible<(), NotAStruct>;
        type SerializeMap = Impossible<(), NotAStruct>;
        type SerializeStruct = Self;
        type SerializeStructVariant = Impossible<(), NotAStruct>;

        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, NotAStruct> {
            Ok(self)
        }
        fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), NotAStruct> {
            Err(NotAStruct)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<(), NotAStruct> {
            Err(NotAStruct)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), NotAStruct> {
            Err(NotAStruct)
        }
        not_a_struct! {
            serialize_bool(bool) -> ();
            serialize_i8(i8) -> ();
            serialize_i16(i16) -> ();
            serialize_i32(i32) -> ();
            serialize_i64(i64) -> ();
            serialize_u8(u8) -> ();
            serialize_u16(u16) -> ();
            serialize_u32(u32) -> ();
            serialize_u64(u64) -> ();
            serialize_f32(f32) -> ();
            serialize_f64(f64) -> ();
            serialize_char(char) -> ();
            serialize_str(&str) -> ();
            serialize_bytes(&[u8]) -> ();
            serialize_none() -> ();
            serialize_unit() -> ();
            serialize_unit_struct(&'static str) -> ();
            serialize_unit_variant(&'static str, u32, &'static str) -> ();
            serialize_seq(Option<usize>) -> Self::SerializeSeq;
            serialize_tuple(usize) -> Self::SerializeTuple;
            serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
            serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
            serialize_map(Option<usize>) -> Self::SerializeMap;
            serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
        }
    }
}
