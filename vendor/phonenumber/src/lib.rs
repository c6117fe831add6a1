// Copyright (C) 2017 1aim GmbH
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
// http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

#![recursion_limit = "1024"]

#[cfg(test)]
use doc_comment::doctest;

#[cfg(test)]
doctest!("../README.md");

/// Errors for various parts of the crate.
mod error;

mod lazy_regex;
pub use crate::error::{Metadata as MetadataError, Parse as ParseError};

/// Phone number metadata, containing patterns, formatting and other useful
/// data about countries and phone numbers.
pub mod metadata;
pub use crate::metadata::Metadata;

/// Country related types.
pub mod country;

mod consts;

mod national_number;
pub use crate::national_number::NationalNumber;

mod extension;
pub use crate::extension::Extension;

mod carrier;
pub use crate::carrier::Carrier;

mod phone_number;
pub use crate::phone_number::{PhoneNumber, Type};

mod parser;
pub use crate::parser::{parse, parse_with};

mod formatter;
pub use crate::formatter::{format, format_with, Formatter, Mode};

mod validator;
#[doc(hidden)]
pub use crate::parser::fast_paths_agree;
pub use crate::validator::{is_valid, is_valid_with, is_viable, Validation};

/// smsctl's check of `lazy_regex`'s ASCII mode: for each region given, every
/// number pattern of the region, compiled as here and as upstream compiles it,
/// finds the same match in the region's example numbers and variations of them
/// (a digit dropped, added or changed). False for an unknown region.
#[doc(hidden)]
pub fn ascii_patterns_agree(regions: &[&str]) -> bool {
    regions.iter().all(|region| {
        let Some(meta) = metadata::DATABASE.by_id(*region) else {
            return false;
        };
        let d = meta.descriptors();
        let all: Vec<&metadata::Descriptor> = std::iter::once(d.general())
            .chain(d.fixed_line())
            .chain(d.mobile())
            .chain(d.toll_free())
            .chain(d.premium_rate())
            .chain(d.shared_cost())
            .chain(d.personal_number())
            .chain(d.voip())
            .chain(d.pager())
            .chain(d.uan())
            .chain(d.voicemail())
            .collect();
        let mut haystacks = Vec::new();
        for example in all.iter().filter_map(|d| d.example()) {
            haystacks.push(example.to_owned());
            haystacks.push(example[..example.len() - 1].to_owned());
            for digit in '0'..='9' {
                haystacks.push(format!("{example}{digit}"));
                haystacks.push(format!("{digit}{}", &example[1..]));
                haystacks.push(format!("{}{digit}", &example[..example.len() - 1]));
            }
        }
        !haystacks.is_empty()
            && all
                .iter()
                .all(|d| d.national_number().agrees_with_unicode_mode(&haystacks))
    })
}
