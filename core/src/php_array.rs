//! PHP has a single array type: a map that is empty when it comes back from
//! PHP is indistinguishable from an empty list (`[]`), and JSON encodes it as
//! one. Map fields of state arrays accept both through [`map`].

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Deserializes a map, also accepting an empty list as an empty map.
/// Use as `#[serde(deserialize_with = "crate::php_array::map")]`.
pub fn map<'de, D, K, V>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
{
    struct MapOrEmptyList<K, V>(PhantomData<(K, V)>);

    impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for MapOrEmptyList<K, V> {
        type Value = BTreeMap<K, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map (an array of key => value)")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((k, v)) = access.next_entry()? {
                out.insert(k, v);
            }
            Ok(out)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
            match access.next_element::<serde::de::IgnoredAny>()? {
                None => Ok(BTreeMap::new()),
                Some(_) => Err(serde::de::Error::invalid_type(serde::de::Unexpected::Seq, &self)),
            }
        }
    }

    deserializer.deserialize_any(MapOrEmptyList(PhantomData))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    #[derive(serde::Deserialize, Debug)]
    struct S {
        #[serde(deserialize_with = "super::map", default)]
        m: BTreeMap<String, u32>,
    }

    #[test]
    fn empty_list_is_an_empty_map_and_other_lists_are_refused() {
        let s: S = serde_json::from_str(r#"{"m": []}"#).unwrap();
        assert!(s.m.is_empty());
        let s: S = serde_json::from_str(r#"{"m": {"a": 1}}"#).unwrap();
        assert_eq!(s.m["a"], 1);
        let err = serde_json::from_str::<S>(r#"{"m": [1]}"#).unwrap_err();
        assert!(err.to_string().contains("expected a map"), "{err}");
        assert!(serde_json::from_str::<S>(r#"{"m": "x"}"#).is_err());
    }
}
