//! Sets of catalog rows: the [`Mask`] of what one folded name holds, which
//! rules rows out before their names are read, and the [`RowSet`], one bit
//! per row, through which a large narrowing visits rows in memory order.

/// What a folded string holds, as two 64-bit sets: its bytes (one bit per
/// ASCII capital and digit, the rest hashed into the remaining bits) and its
/// adjacent byte pairs (hashed). A row whose mask does not cover a term's
/// cannot contain the term; the pairs rule out most rows holding the
/// term's letters in another order ("so" in "progress").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Mask {
    pub(super) bytes: u64,
    pairs: u64,
}

impl Mask {
    pub(super) fn of(s: &str) -> Self {
        let b = s.as_bytes();
        let bytes = b.iter().fold(0, |mask, &b| {
            mask | match b {
                // Folded text is upper case: its letters get a bit each.
                b'A'..=b'Z' => 1 << (b - b'A'),
                b'0'..=b'9' => 1 << (26 + b - b'0'),
                _ => 1 << (36 + b % 28),
            }
        });
        let pairs = b.windows(2).fold(0, |mask, w| {
            let pair = u64::from(u16::from_le_bytes([w[0], w[1]]));
            mask | 1 << (pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
        });
        Mask { bytes, pairs }
    }

    pub(super) fn covers(self, term: Mask) -> bool {
        // `&` rather than `&&`: no branch to mispredict.
        (self.bytes & term.bytes == term.bytes) & (self.pairs & term.pairs == term.pairs)
    }
}

/// Up to this many rows a narrowing tests them in list order; beyond, it
/// tests them in memory (id) order through a bitset, so its cost does not
/// depend on which ordering is active.
pub(super) const DIRECT_SCAN_ROWS: usize = 32_768;

/// One bit per catalog row.
pub(super) struct RowSet(pub(super) Vec<u64>);

impl RowSet {
    pub(super) fn new(len: usize) -> Self {
        RowSet(vec![0; len.div_ceil(64)])
    }

    /// Every row of a catalog of `len`.
    pub(super) fn all(len: usize) -> Self {
        let mut set = RowSet(vec![u64::MAX; len.div_ceil(64)]);
        if !len.is_multiple_of(64) {
            if let Some(last) = set.0.last_mut() {
                *last = (1 << (len % 64)) - 1;
            }
        }
        set
    }

    /// `rows` (distinct rows of a catalog of `len`) as a set.
    pub(super) fn of(len: usize, rows: &[u32]) -> Self {
        if rows.len() == len {
            // Every row: no need to visit them one by one.
            return RowSet::all(len);
        }
        let mut set = RowSet::new(len);
        for &r in rows {
            set.insert(r);
        }
        set
    }

    pub(super) fn insert(&mut self, row: u32) {
        self.0[row as usize / 64] |= 1 << (row % 64);
    }

    pub(super) fn contains(&self, row: u32) -> bool {
        self.0[row as usize / 64] & (1 << (row % 64)) != 0
    }

    /// `rows` without the non-members, in their order. Branch-free: which
    /// rows are members is random, and mispredicted branches were most of the
    /// cost of a keystroke or a re-ordering at a million rows.
    pub(super) fn keep_members(&self, rows: &[u32]) -> Vec<u32> {
        let mut out = vec![0; rows.len()];
        let mut kept = 0;
        for &r in rows {
            // `kept` never passes the index of `r`, so the slot exists.
            out[kept] = r;
            kept += usize::from(self.contains(r));
        }
        out.truncate(kept);
        out.shrink_to_fit();
        out
    }
}
