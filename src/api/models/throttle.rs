//! `/api-throttle/`: the caller's request budget.

use crate::api::lenient;
use serde::{Deserialize, Serialize};

/// `GET /api-throttle/`: the caller's request budget.
#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Throttle {
    pub your_request_limit: Option<i64>,
    pub limit_frequency_secs: Option<i64>,
    pub current_use: Option<i64>,
    pub next_use_secs: Option<i64>,
    pub ident: Option<String>,
}

impl Throttle {
    /// Requests left in the current window, when the server said both numbers.
    pub fn remaining(&self) -> Option<i64> {
        // The schema's integers are unbounded: i64::MAX less a negative use must not overflow.
        Some(
            self.your_request_limit?
                .saturating_sub(self.current_use?)
                .max(0),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_left_saturates_at_the_ends_of_the_integers() {
        let budget = |limit, used| Throttle {
            your_request_limit: Some(limit),
            current_use: Some(used),
            ..Throttle::default()
        };
        assert_eq!(budget(15, 4).remaining(), Some(11));
        assert_eq!(budget(i64::MAX, -1).remaining(), Some(i64::MAX));
        assert_eq!(budget(i64::MIN, i64::MAX).remaining(), Some(0));
    }
}
