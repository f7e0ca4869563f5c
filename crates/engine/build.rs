//! Turns `content/catalogue.toml` and `content/packages.toml` into `static` Rust
//! data in `OUT_DIR`, so the engine (and the wasm build) carries the data but neither
//! a TOML parser nor serde deserialisers.
//!
//! The build reads the files with the very types the engine uses (included below by
//! path), so a malformed file fails the build with the TOML error and its line. It then
//! writes each value back as a Rust expression through a small serde `Serializer`:
//! structs become struct literals, enum variants `Enum::Variant`, text and lists
//! borrowed `Cow`s, and tiers `TierRange::from_static("T2-T3")`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fmt, fs};

use serde::Serialize;
use serde::ser::{self, Impossible};

// These files are the engine's public types; here they are private, so the lints
// that spare public API (unused items, `VerifiedPublisher` repeating its enum's
// name) would fire without these allowances.
#[allow(dead_code, clippy::enum_variant_names)]
#[path = "src/catalogue/data.rs"]
mod catalogue_data;
#[allow(dead_code)]
#[path = "src/shell/kinds.rs"]
mod kinds;
#[allow(dead_code)]
#[path = "src/estimate/table_data.rs"]
mod table_data;

// `table_data.rs` names these through `super::`.
use catalogue_data::{Evidence, Figure};
use kinds::{BuildTool, CleanupKind};

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
            .join("../..");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for input in [
        "content/catalogue.toml",
        "content/packages.toml",
        "crates/engine/src/catalogue/data.rs",
        "crates/engine/src/shell/kinds.rs",
        "crates/engine/src/estimate/table_data.rs",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(input).display());
    }
    let catalogue: catalogue_data::Catalogue = read(&root.join("content/catalogue.toml"));
    write(&out.join("catalogue.rs"), "Catalogue", &catalogue);
    let tables: table_data::SizeTables = read(&root.join("content/packages.toml"));
    write(&out.join("tables.rs"), "SizeTables", &tables);
}

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid: {e}", path.display()))
}

fn write<T: Serialize>(path: &Path, type_name: &str, value: &T) {
    let mut expression = String::new();
    value
        .serialize(RustLiteral {
            out: &mut expression,
        })
        .unwrap_or_else(|e| panic!("cannot write {type_name} as Rust: {e}"));
    let source = format!(
        "// Written by build.rs from the TOML source; do not edit.\n\
         pub(super) static BUILTIN: {type_name} = {expression};\n"
    );
    fs::write(path, source).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// `kebab-case` serde names back to Rust's `CamelCase` variant names.
fn camel(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect()
}

#[derive(Debug)]
struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<M: fmt::Display>(message: M) -> Error {
        Error(message.to_string())
    }
}

fn unsupported<T>(what: &str) -> Result<T, Error> {
    Err(Error(format!(
        "the data holds a {what}, which has no static form here"
    )))
}

/// Writes one value as a Rust expression.
struct RustLiteral<'o> {
    out: &'o mut String,
}

/// Writes the elements of a list or the fields of a struct.
struct Compound<'o> {
    out: &'o mut String,
    close: &'static str,
}

impl<'o> ser::Serializer for RustLiteral<'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'o>;
    type SerializeTuple = Compound<'o>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Compound<'o>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        write!(self.out, "{v}").map_err(ser::Error::custom)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        write!(self.out, "{v}").map_err(ser::Error::custom)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        write!(self.out, "{v}").map_err(ser::Error::custom)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        // `{:?}` keeps the decimal point (`1.0`), so the literal stays a float.
        write!(self.out, "{v:?}").map_err(ser::Error::custom)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write!(self.out, "{v:?}").map_err(ser::Error::custom)
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        // Debug formatting of a str is a valid Rust string literal.
        write!(self.out, "Cow::Borrowed({v:?})").map_err(ser::Error::custom)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        unsupported("byte string")
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.push_str("None");
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        self.out.push_str("Some(");
        value.serialize(RustLiteral {
            out: &mut *self.out,
        })?;
        self.out.push(')');
        Ok(())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("()");
        Ok(())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Error> {
        self.out.push_str(name);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        write!(self.out, "{name}::{}", camel(variant)).map_err(ser::Error::custom)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        // A newtype around text is built by its `from_static` constructor.
        let mut inner = String::new();
        value.serialize(RustLiteral { out: &mut inner })?;
        let text = inner
            .strip_prefix("Cow::Borrowed(")
            .and_then(|rest| rest.strip_suffix(')'))
            .ok_or_else(|| Error(format!("{name} must wrap text")))?;
        write!(self.out, "{name}::from_static({text})").map_err(ser::Error::custom)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        unsupported("variant with data")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'o>, Error> {
        self.out.push_str("Cow::Borrowed(&[");
        Ok(Compound {
            out: self.out,
            close: "])",
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'o>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        unsupported("tuple struct")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        unsupported("tuple variant")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        unsupported("map")
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'o>, Error> {
        write!(self.out, "{name} {{").map_err(ser::Error::custom)?;
        Ok(Compound {
            out: self.out,
            close: "}",
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        unsupported("struct variant")
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(RustLiteral {
            out: &mut *self.out,
        })?;
        self.out.push_str(", ");
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        self.out.push_str(self.close);
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        // Field names must be the Rust names: the data types rename no fields.
        write!(self.out, " {key}: ").map_err(ser::Error::custom)?;
        value.serialize(RustLiteral {
            out: &mut *self.out,
        })?;
        self.out.push(',');
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        self.out.push_str(" }");
        Ok(())
    }
}
