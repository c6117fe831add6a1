//! Compact in-memory message store for the sandbox.
//!
//! A stored message is a fixed 40-byte [`Msg`] record in a chunked vector, plus the bytes of
//! its body in a chunked text arena. There is no `HashMap<sid, index>`: a message SID encodes
//! its index (`SM` + 16 hex digits of a per-instance random salt + 16 hex digits of an
//! invertible mix of the index), so a fetch decodes the SID back to the index in O(1).
//!
//! Bodies are stored as a delta against a "base" body (the last body stored in full): the
//! common prefix and suffix are shared and only the differing middle is written to the
//! arena. Campaign bodies rendered from one template therefore cost only their personalised
//! part; unrelated bodies are stored in full.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// Messages per chunk of the record vector (65,536 × 40 B ≈ 2.6 MB).
const MSG_CHUNK_BITS: u32 = 16;
const MSG_CHUNK: usize = 1 << MSG_CHUNK_BITS;
/// Bytes per chunk of the body arena.
const ARENA_CHUNK: usize = 1 << 20;
/// Smallest shared prefix + suffix (bytes) worth storing a body as a delta.
const MIN_SHARED: usize = 8;

/// Sender slot for the sandbox's phone number; see [`Store::sender`].
pub(super) const SENDER_NUMBER: u32 = 0;
/// Sender slot for the WhatsApp sender.
pub(super) const SENDER_WHATSAPP: u32 = 1;

/// Flag: the `To` had a `whatsapp:` prefix.
pub(super) const F_WHATSAPP: u8 = 1;
/// Flag: the message was created with a `MessagingServiceSid`.
pub(super) const F_SERVICE: u8 = 2;
/// Flag: no `From` was given; the Messaging Service's pool picked the sender.
pub(super) const F_POOL: u8 = 4;
/// Flag: a scheduled message (`SendAt`): `scheduled` until it is sent.
pub(super) const F_SCHEDULED: u8 = 8;
/// Flag: a scheduled message that was canceled (`Status=canceled`).
pub(super) const F_CANCELED: u8 = 16;

/// One stored message (40 bytes).
#[derive(Debug, Clone, Copy)]
pub(super) struct Msg {
    /// Creation time, Unix milliseconds.
    pub created_ms: i64,
    /// The `To` number's digits (E.164 without `+`; at most 15 digits, so it fits).
    pub to: u64,
    /// Arena position of the stored part of the body.
    body_at: u64,
    /// Index of the message whose (fully stored) body supplies prefix and suffix.
    base: u32,
    /// Sender slot (index into [`Store::senders`]).
    pub from: u32,
    /// Length in bytes of the stored part of the body.
    body_len: u16,
    /// Bytes shared with the start of the base body.
    pre: u16,
    /// Bytes shared with the end of the base body.
    suf: u16,
    /// Number of SMS segments.
    pub segments: u8,
    /// `F_*` flags.
    pub flags: u8,
}

impl Msg {
    /// Sent on the WhatsApp channel.
    pub fn is_whatsapp(&self) -> bool {
        self.flags & F_WHATSAPP != 0
    }

    /// Sent to this address: these digits, on this channel.
    pub fn is_to(&self, digits: u64, whatsapp: bool) -> bool {
        self.to == digits && self.is_whatsapp() == whatsapp
    }
}

/// A message as handed out of the lock: the record and its reassembled body.
#[derive(Debug, Clone)]
pub(super) struct MsgView {
    pub index: u64,
    pub msg: Msg,
    pub body: String,
    /// The sender string of `msg.from`.
    pub from: Arc<str>,
}

/// The mutable state behind the sandbox's mutex.
#[derive(Debug)]
pub(super) struct Store {
    chunks: Vec<Vec<Msg>>,
    len: usize,
    arena: Vec<String>,
    /// Index of the current base message (stored in full), if any.
    base: Option<u32>,
    senders: Vec<Arc<str>>,
    sender_slots: HashMap<Arc<str>, u32>,
}

impl Store {
    pub fn new(number: &str, whatsapp: &str) -> Store {
        let senders: Vec<Arc<str>> = vec![number.into(), whatsapp.into()];
        let sender_slots = (0..)
            .zip(&senders)
            .map(|(slot, s)| (Arc::clone(s), slot))
            .collect();
        Store {
            chunks: Vec::new(),
            len: 0,
            arena: Vec::new(),
            base: None,
            senders,
            sender_slots,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// The sender string of a slot.
    pub fn sender(&self, slot: u32) -> Arc<str> {
        self.senders
            .get(slot as usize)
            .cloned()
            .unwrap_or_else(|| Arc::from(""))
    }

    /// The slot of a sender, if it has been used (the number and the WhatsApp
    /// sender always have one).
    pub fn find_sender(&self, name: &str) -> Option<u32> {
        self.sender_slots.get(name).copied()
    }

    /// The slot of an alphanumeric sender ID, interned on first use.
    pub fn sender_slot(&mut self, name: &str) -> u32 {
        if let Some(&slot) = self.sender_slots.get(name) {
            return slot;
        }
        let slot = u32::try_from(self.senders.len()).unwrap_or(u32::MAX);
        let name: Arc<str> = name.into();
        self.senders.push(Arc::clone(&name));
        self.sender_slots.insert(name, slot);
        slot
    }

    fn get(&self, index: usize) -> Option<&Msg> {
        self.chunks
            .get(index >> MSG_CHUNK_BITS)
            .and_then(|c| c.get(index & (MSG_CHUNK - 1)))
    }

    fn stored(&self, at: u64, len: u16) -> &str {
        let chunk = (at / ARENA_CHUNK as u64) as usize;
        let off = (at % ARENA_CHUNK as u64) as usize;
        &self.arena[chunk][off..off + usize::from(len)]
    }

    /// The full body of a stored message, borrowed when it is stored in full.
    fn body(&self, m: &Msg) -> Cow<'_, str> {
        let middle = self.stored(m.body_at, m.body_len);
        if m.pre == 0 && m.suf == 0 {
            return Cow::Borrowed(middle);
        }
        let Some(base) = self.get(m.base as usize) else {
            return Cow::Borrowed(middle);
        };
        let base = self.stored(base.body_at, base.body_len);
        let (pre, suf) = (usize::from(m.pre), usize::from(m.suf));
        let mut s = String::with_capacity(pre + middle.len() + suf);
        s.push_str(&base[..pre]);
        s.push_str(middle);
        s.push_str(&base[base.len() - suf..]);
        Cow::Owned(s)
    }

    /// Appends `text` to the arena and returns its position.
    fn put(&mut self, text: &str) -> u64 {
        let fits = self
            .arena
            .last()
            .is_some_and(|c| c.capacity() - c.len() >= text.len());
        if !fits {
            self.arena
                .push(String::with_capacity(ARENA_CHUNK.max(text.len())));
        }
        let chunk = self.arena.len() - 1;
        let last = &mut self.arena[chunk];
        let at = (chunk * ARENA_CHUNK + last.len()) as u64;
        last.push_str(text);
        at
    }

    /// Stores a message and returns its index. `body` must be at most 65,535 bytes.
    pub fn push(
        &mut self,
        created_ms: i64,
        to: u64,
        from: u32,
        body: &str,
        segments: u8,
        flags: u8,
    ) -> (u64, Msg) {
        let index = self.len as u32;
        let (pre, suf, base) = match self
            .base
            .and_then(|b| self.get(b as usize).map(|m| (b, *m)))
        {
            Some((b, m)) => {
                let base = self.stored(m.body_at, m.body_len);
                let (pre, suf) = shared_ends(base, body);
                if pre + suf >= MIN_SHARED {
                    (pre, suf, b)
                } else {
                    (0, 0, index)
                }
            }
            None => (0, 0, index),
        };
        let middle = &body[pre..body.len() - suf];
        let body_at = self.put(middle);
        if base == index {
            self.base = Some(index);
        }
        let msg = Msg {
            created_ms,
            to,
            body_at,
            base,
            from,
            body_len: middle.len() as u16,
            pre: pre as u16,
            suf: suf as u16,
            segments,
            flags,
        };
        if self.chunks.last().is_none_or(|c| c.len() == MSG_CHUNK) {
            self.chunks.push(Vec::with_capacity(MSG_CHUNK));
        }
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.push(msg);
        }
        self.len += 1;
        (u64::from(index), msg)
    }

    /// The `F_*` flags of message `index`, if it exists.
    pub fn flags(&self, index: u64) -> Option<u8> {
        self.get(usize::try_from(index).ok()?).map(|m| m.flags)
    }

    /// Sets the `F_*` flags of message `index` (if it exists).
    pub fn set_flags(&mut self, index: u64, flags: u8) {
        let Ok(i) = usize::try_from(index) else {
            return;
        };
        if let Some(m) = self
            .chunks
            .get_mut(i >> MSG_CHUNK_BITS)
            .and_then(|c| c.get_mut(i & (MSG_CHUNK - 1)))
        {
            m.flags = flags;
        }
    }

    /// A copy of message `index` with its body, if it exists.
    pub fn view(&self, index: u64) -> Option<MsgView> {
        let m = self.get(usize::try_from(index).ok()?)?;
        Some(self.view_of(index, m))
    }

    fn view_of(&self, index: u64, m: &Msg) -> MsgView {
        MsgView {
            index,
            msg: *m,
            body: self.body(m).into_owned(),
            from: self.sender(m.from),
        }
    }

    /// Walks messages newest first from `below` (exclusive), skipping `skip` matches, and
    /// collects up to `limit` matches. Returns the views and whether another match exists
    /// after the last one collected.
    pub fn scan(
        &self,
        below: usize,
        mut skip: usize,
        limit: usize,
        mut keep: impl FnMut(&Msg) -> bool,
    ) -> (Vec<MsgView>, bool) {
        let mut out = Vec::new();
        let mut i = below.min(self.len);
        while i > 0 {
            i -= 1;
            let Some(m) = self.get(i) else { break };
            if !keep(m) {
                continue;
            }
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if out.len() == limit {
                return (out, true);
            }
            out.push(self.view_of(i as u64, m));
        }
        (out, false)
    }

    /// How many stored messages satisfy `keep`.
    pub fn count(&self, mut keep: impl FnMut(&Msg) -> bool) -> u64 {
        self.chunks.iter().flatten().filter(|m| keep(m)).count() as u64
    }
}

/// Lengths in bytes of the common prefix and the common suffix of `a` and `b`, on char
/// boundaries of both, not overlapping in either.
fn shared_ends(a: &str, b: &str) -> (usize, usize) {
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    let max = ab.len().min(bb.len()).min(usize::from(u16::MAX));
    let mut pre = ab
        .iter()
        .zip(bb)
        .take(max)
        .take_while(|(x, y)| x == y)
        .count();
    while !(a.is_char_boundary(pre) && b.is_char_boundary(pre)) {
        pre -= 1;
    }
    let rest = max - pre;
    let mut suf = ab
        .iter()
        .rev()
        .zip(bb.iter().rev())
        .take(rest)
        .take_while(|(x, y)| x == y)
        .count();
    while !(a.is_char_boundary(a.len() - suf) && b.is_char_boundary(b.len() - suf)) {
        suf -= 1;
    }
    (pre, suf)
}

/// Maps message indexes to SIDs and back, with a per-instance salt.
#[derive(Debug, Clone, Copy)]
pub(super) struct SidCodec {
    salt: u64,
    key: u64,
}

const C1: u64 = 0x9e37_79b9_7f4a_7c15;
const C2: u64 = 0xbf58_476d_1ce4_e5b9;
const C1_INV: u64 = mod_inverse(C1);
const C2_INV: u64 = mod_inverse(C2);

/// The inverse of an odd `c` modulo 2^64 (Newton's iteration).
const fn mod_inverse(c: u64) -> u64 {
    let mut inv = c;
    let mut i = 0;
    while i < 6 {
        inv = inv.wrapping_mul(2u64.wrapping_sub(c.wrapping_mul(inv)));
        i += 1;
    }
    inv
}

impl SidCodec {
    pub fn new(salt: u64) -> SidCodec {
        SidCodec {
            salt,
            key: salt.rotate_left(29) ^ 0x5a4d_b0c5_0000_0001,
        }
    }

    /// The 34-character SID of message `index`, as ASCII bytes.
    pub fn encode(&self, index: u64) -> [u8; 34] {
        let mut y = (index ^ self.key).wrapping_mul(C1);
        y ^= y >> 32;
        y = y.wrapping_mul(C2);
        let mut out = [0u8; 34];
        out[0] = b'S';
        out[1] = b'M';
        write_hex(&mut out[2..18], self.salt);
        write_hex(&mut out[18..34], y);
        out
    }

    /// The index a SID names, if it is one of this instance's SIDs (not bounds-checked).
    pub fn decode(&self, sid: &str) -> Option<u64> {
        let hex = sid.strip_prefix("SM")?;
        if hex.len() != 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let hi = u64::from_str_radix(&hex[..16], 16).ok()?;
        let lo = u64::from_str_radix(&hex[16..], 16).ok()?;
        if hi != self.salt {
            return None;
        }
        let mut x = lo.wrapping_mul(C2_INV);
        x ^= x >> 32;
        Some(x.wrapping_mul(C1_INV) ^ self.key)
    }
}

fn write_hex(out: &mut [u8], v: u64) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (i, b) in out.iter_mut().enumerate() {
        *b = HEX[((v >> (60 - 4 * i)) & 0xf) as usize];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sid_round_trip() {
        let codec = SidCodec::new(0x0123_4567_89ab_cdef);
        for i in [0u64, 1, 2, 65_535, 65_536, 1_000_000, u64::from(u32::MAX)] {
            let sid = codec.encode(i);
            let sid = std::str::from_utf8(&sid).unwrap();
            assert!(sid.starts_with("SM0123456789abcdef"), "{sid}");
            assert_eq!(codec.decode(sid), Some(i));
        }
        assert_ne!(codec.encode(0), codec.encode(1));
        let other = SidCodec::new(7);
        let sid = codec.encode(3);
        assert_eq!(other.decode(std::str::from_utf8(&sid).unwrap()), None);
        assert_eq!(codec.decode("SMzz"), None);
    }

    #[test]
    fn bodies_round_trip_with_deltas() {
        let mut s = Store::new("+15005550006", "whatsapp:+14155238886");
        let bodies = [
            "Hi Alice, your code is 1234. Reply STOP to opt out.",
            "Hi Bob, your code is 9876. Reply STOP to opt out.",
            "Hi Zoë, your code is 5555. Reply STOP to opt out.",
            "completely different",
            "completely different",
            "héllo wörld ✓ déjà vu",
            "héllo wörld ✗ déjà vu",
            "x",
            "Hi Alice, your code is 1234. Reply STOP to opt out.",
        ];
        for (i, b) in bodies.iter().enumerate() {
            assert_eq!(s.push(i as i64, 6591234567, 0, b, 1, 0).0, i as u64);
        }
        for (i, b) in bodies.iter().enumerate() {
            assert_eq!(s.view(i as u64).unwrap().body, *b);
        }
        assert!(s.view(bodies.len() as u64).is_none());
        assert_eq!(s.count(|m| m.to == 6591234567), bodies.len() as u64);
    }

    #[test]
    fn shared_ends_respects_char_boundaries() {
        // 'é' (c3 a9) and 'è' (c3 a8) share their first byte.
        let (pre, suf) = shared_ends("aé", "aè");
        assert_eq!((pre, suf), (1, 0));
        let (pre, suf) = shared_ends("éa", "èa");
        assert_eq!((pre, suf), (0, 1));
        assert_eq!(shared_ends("aaa", "aa"), (2, 0));
    }

    #[test]
    fn scan_is_newest_first_and_pages() {
        let mut s = Store::new("+1", "whatsapp:+1");
        for i in 0..10 {
            s.push(i, 100 + (i as u64 % 2), 0, "body", 1, 0);
        }
        let (page, more) = s.scan(s.len(), 0, 3, |m| m.to == 100);
        let idx: Vec<u64> = page.iter().map(|v| v.index).collect();
        assert_eq!(idx, [8, 6, 4]);
        assert!(more);
        let (page, more) = s.scan(4, 0, 3, |m| m.to == 100);
        let idx: Vec<u64> = page.iter().map(|v| v.index).collect();
        assert_eq!(idx, [2, 0]);
        assert!(!more);
        let (page, _) = s.scan(s.len(), 2, 2, |_| true);
        assert_eq!(page[0].index, 7);
    }
}
