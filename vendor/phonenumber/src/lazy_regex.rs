// smsctl change (see README.md): a pattern compiled once, on first use, and
// kept, in place of `regex_cache::CachedRegex`. The upstream type looked every
// use up by its source string in a process-wide LRU of 100 behind a mutex
// (SipHash of the pattern + lock + list update on each `find`), which was about
// a quarter of the cost of validating one number, and recompiled patterns that
// fell out of the LRU when numbers came from many regions. Same regex crate,
// same source, same `ignore_whitespace(true)`: the matching is unchanged.
//
// Second change: a pattern is compiled with Unicode mode off when it can be
// (`\d` = `[0-9]` instead of every Unicode digit, a far smaller automaton: 1.1M
// instead of 2.6M instructions to compile a typical number pattern). The
// patterns only ever see ASCII digits — the parser normalises every number to
// ASCII digits before a metadata pattern is applied — and on an ASCII haystack
// the two modes match exactly the same. A pattern that needs Unicode mode (one
// that could match invalid UTF-8 without it) is compiled with it.
// `ascii_patterns_agree` checks the two modes agree on real numbers.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use regex::{Captures, Match, Regex, RegexBuilder, Replacer};

/// A regular expression compiled on first use.
#[derive(Clone)]
pub struct CachedRegex {
    source: String,
    regex: OnceLock<Regex>,
}

fn compile(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .ignore_whitespace(true)
        .unicode(false)
        .build()
        .or_else(|_| compile_unicode(source))
}

fn compile_unicode(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source).ignore_whitespace(true).build()
}

impl CachedRegex {
    /// Compile `source` now (so a bad pattern is an error here).
    pub fn new(source: &str) -> Result<CachedRegex, regex::Error> {
        let regex = OnceLock::new();
        let _ = regex.set(compile(source)?);
        Ok(CachedRegex {
            source: source.to_owned(),
            regex,
        })
    }

    /// Keep `source`; compile it the first time it is used. The bundled
    /// database's patterns are checked by the tests (`Database::from`), so a
    /// failure here is a broken build, reported as a panic naming the pattern.
    pub fn new_unchecked(source: &str) -> CachedRegex {
        CachedRegex {
            source: source.to_owned(),
            regex: OnceLock::new(),
        }
    }

    fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| match compile(&self.source) {
            Ok(regex) => regex,
            Err(err) => panic!("invalid phone metadata pattern {:?}: {err}", self.source),
        })
    }

    /// True when this pattern, compiled as upstream compiles it (Unicode mode
    /// on), finds the same match as it does here in every one of `haystacks`.
    pub(crate) fn agrees_with_unicode_mode(&self, haystacks: &[String]) -> bool {
        let unicode = compile_unicode(&self.source).expect("a pattern that compiled");
        haystacks.iter().all(|h| {
            let (a, b) = (self.find(h), unicode.find(h));
            a.map(|m| m.range()) == b.map(|m| m.range())
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex().is_match(text)
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.regex().find(text)
    }

    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.regex().captures(text)
    }

    pub fn replace<'t, R: Replacer>(&self, text: &'t str, rep: R) -> Cow<'t, str> {
        self.regex().replace(text, rep)
    }

    pub fn replace_all<'t, R: Replacer>(&self, text: &'t str, rep: R) -> Cow<'t, str> {
        self.regex().replace_all(text, rep)
    }

    pub fn shortest_match(&self, text: &str) -> Option<usize> {
        self.regex().shortest_match(text)
    }

    pub fn captures_len(&self) -> usize {
        self.regex().captures_len()
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }
}

impl fmt::Debug for CachedRegex {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(&self.source, f)
    }
}

impl fmt::Display for CachedRegex {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(&self.source, f)
    }
}
