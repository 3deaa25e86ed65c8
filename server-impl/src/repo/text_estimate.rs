//! PostgreSQL's estimate of how many todos a search term matches, over all accounts
//! (`title ILIKE '%term%' OR notes ILIKE '%term%'`), computed in the server from the two
//! columns' statistics the way the planner computes it (`patternsel` in PostgreSQL's
//! `selfuncs.c`), so that a search does not first plan an `EXPLAIN` to ask it (migration
//! 27's `todos_text_estimate`, about 0.7 ms of CPU per search; ADR 0010).
//!
//! The statistics (`pg_stats`, and `pg_class`'s size figures) are read with one statement
//! at most every [`MAX_AGE`] per node, on the connection of the search that finds them
//! stale. Until a first `ANALYZE` there are none, and the search asks the planner.
//! `todo-api explain` prints both estimates side by side for a few terms;
//! `tests/api/plans.rs` checks that they agree.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Deserialize;

/// How long statistics read from the database are used before they are read again: about
/// as often as autovacuum's `ANALYZE` of a busy table, and the table's size may have grown.
pub const MAX_AGE: Duration = Duration::from_secs(60);

/// The statement that reads what the estimate needs, as one JSON text (so that code shared
/// with SQLite decodes one string). Values of `real` columns are widened to `float8` in SQL,
/// so that the server computes with exactly the doubles the planner does.
pub const STATS_SQL: &str = "SELECT json_build_object(\
     'reltuples', c.reltuples::float8, \
     'relpages', c.relpages::float8, \
     'pages', (pg_relation_size(c.oid) / current_setting('block_size')::int)::float8, \
     'columns', COALESCE((SELECT json_agg(json_build_object(\
         'null_frac', s.null_frac::float8, \
         'common', s.most_common_vals::text::text[], \
         'freqs', s.most_common_freqs::float8[], \
         'histogram', s.histogram_bounds::text::text[]) ORDER BY s.attname) \
       FROM pg_stats s WHERE s.schemaname = n.nspname AND s.tablename = c.relname \
        AND s.attname IN ('title', 'notes') AND NOT s.inherited), '[]'))::text \
   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
   WHERE c.oid = 'todos'::regclass";

/// One column's statistics, as `pg_stats` shows them.
#[derive(Debug, Default, Deserialize)]
pub struct ColumnStats {
    pub null_frac: f64,
    /// Most common values (`None`: there are none).
    pub common: Option<Vec<String>>,
    /// Their frequencies, in the same order.
    pub freqs: Option<Vec<f64>>,
    /// Histogram bounds of the values that are not among the most common.
    pub histogram: Option<Vec<String>>,
}

/// What [`STATS_SQL`] answers.
#[derive(Debug, Deserialize)]
pub struct TextStats {
    reltuples: f64,
    relpages: f64,
    /// The table's current number of pages.
    pages: f64,
    columns: Vec<ColumnStats>,
}

/// PostgreSQL's selectivity constants for `LIKE` patterns (`like_support.c`).
const FIXED_CHAR_SEL: f64 = 0.20;
const ANY_CHAR_SEL: f64 = 0.9;
const FULL_WILDCARD_SEL: f64 = 5.0;

impl TextStats {
    /// Parses [`STATS_SQL`]'s answer; `None` for a table never analysed (or empty when it
    /// was), whose estimate the planner makes from its size on disk instead.
    pub fn parse(json: &str) -> Option<TextStats> {
        let stats: TextStats = serde_json::from_str(json)
            .inspect_err(|error| tracing::warn!(%error, "unreadable column statistics"))
            .ok()?;
        (stats.reltuples >= 0.0 && stats.relpages > 0.0).then_some(stats)
    }

    /// The rows the planner expects `title ILIKE pattern OR notes ILIKE pattern` to match,
    /// `pattern` being `%term%` (`term`'s wildcards escaped): the table's estimated size
    /// (`estimate_rel_size`) times the `OR` of both columns' selectivities
    /// (`clauselist_selectivity_or`), rounded and at least 1 (`clamp_row_est`). A column
    /// without statistics counts as one with no histogram and no common values.
    pub fn estimate_rows(&self, term: &str, pattern: &str) -> i64 {
        let tuples = (self.reltuples / self.relpages * self.pages).round_ties_even();
        let folded = fold(term);
        let none = ColumnStats::default();
        let mut either = 0.0;
        for i in 0..2 {
            let column = self.columns.get(i).unwrap_or(&none);
            let s2 = column.selectivity(&folded, pattern);
            either = either + s2 - either * s2;
        }
        let rows = tuples * either.clamp(0.0, 1.0);
        if rows <= 1.0 {
            1
        } else {
            rows.round_ties_even() as i64
        }
    }
}

impl ColumnStats {
    /// `patternsel` for a pattern that is not an exact match: the share of the histogram's
    /// inner bounds that match (blended with the pattern's heuristic below 100 bounds, the
    /// heuristic alone below 10), kept within [0.0001, 0.9999], scaled to the values that are
    /// neither null nor most common, plus the frequencies of the most common values that
    /// match.
    fn selectivity(&self, folded_term: &str, pattern: &str) -> f64 {
        let matches = |value: &String| fold(value).contains(folded_term);
        let histogram = self.histogram.as_deref().unwrap_or_default();
        let size = histogram.len();
        let mut selec = if size >= 10 {
            let inner = &histogram[1..size - 1];
            inner.iter().filter(|v| matches(v)).count() as f64 / inner.len() as f64
        } else {
            -1.0
        };
        if size < 100 {
            let heuristic = like_selectivity(pattern);
            selec = if selec < 0.0 {
                heuristic
            } else {
                let weight = size as f64 / 100.0;
                selec * weight + heuristic * (1.0 - weight)
            };
        }
        selec = selec.clamp(0.0001, 0.9999);
        let (mut common_selec, mut sum_common) = (0.0, 0.0);
        let common = self.common.as_deref().unwrap_or_default();
        let freqs = self.freqs.as_deref().unwrap_or_default();
        for (value, freq) in common.iter().zip(freqs) {
            if matches(value) {
                common_selec += freq;
            }
            sum_common += freq;
        }
        selec *= 1.0 - self.null_frac - sum_common;
        (selec + common_selec).clamp(0.0, 1.0)
    }
}

/// Lower case, character by character (as PostgreSQL's `lower()`, with no context rules such
/// as a word-final sigma). For ASCII, which the trigram path is limited to, exactly its.
fn fold(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// `like_selectivity`: the pattern's leading wildcards skipped, 0.2 per literal character
/// (bytes, as PostgreSQL counts them), 0.9 per `_`, 5 per `%`, at most 1.
fn like_selectivity(pattern: &str) -> f64 {
    let bytes = pattern.as_bytes();
    let mut pos = bytes
        .iter()
        .position(|b| *b != b'%' && *b != b'_')
        .unwrap_or(bytes.len());
    let mut sel = 1.0;
    while pos < bytes.len() {
        match bytes[pos] {
            b'%' => sel *= FULL_WILDCARD_SEL,
            b'_' => sel *= ANY_CHAR_SEL,
            b'\\' => {
                pos += 1;
                if pos >= bytes.len() {
                    break;
                }
                sel *= FIXED_CHAR_SEL;
            }
            _ => sel *= FIXED_CHAR_SEL,
        }
        pos += 1;
    }
    sel.min(1.0)
}

/// The statistics of this node, read again when older than [`MAX_AGE`].
#[derive(Default)]
pub struct TextStatsCache {
    slot: Mutex<Option<(Instant, Option<Arc<TextStats>>)>>,
}

impl TextStatsCache {
    /// The statistics if read less than [`MAX_AGE`] ago (`Some(None)`: there were none).
    pub fn fresh(&self) -> Option<Option<Arc<TextStats>>> {
        let slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        slot.as_ref()
            .filter(|(read, _)| read.elapsed() < MAX_AGE)
            .map(|(_, stats)| stats.clone())
    }

    /// Keeps what [`STATS_SQL`] answered.
    pub fn store(&self, json: &str) -> Option<Arc<TextStats>> {
        let stats = TextStats::parse(json).map(Arc::new);
        *self.slot.lock().unwrap_or_else(PoisonError::into_inner) =
            Some((Instant::now(), stats.clone()));
        stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(common: &[(&str, f64)], histogram: &[&str], null_frac: f64) -> ColumnStats {
        ColumnStats {
            null_frac,
            common: Some(common.iter().map(|(v, _)| v.to_string()).collect()),
            freqs: Some(common.iter().map(|(_, f)| *f).collect()),
            histogram: Some(histogram.iter().map(|v| v.to_string()).collect()),
        }
    }

    #[test]
    fn like_selectivity_follows_postgres() {
        assert!((like_selectivity("%dentist%") - 0.2f64.powi(7) * 5.0).abs() < 1e-12);
        assert!((like_selectivity("%abc%") - 0.2f64.powi(3) * 5.0).abs() < 1e-12);
        assert!((like_selectivity("%a\\%b%") - 0.2f64.powi(3) * 5.0).abs() < 1e-12);
        assert!((like_selectivity("%a_b%") - 0.2 * 0.9 * 0.2 * 5.0).abs() < 1e-12);
    }

    #[test]
    fn common_values_count_exactly_and_the_histogram_by_share() {
        // 100 bounds (98 inner ones, 49 with "milk"), 30% common values of which 10% match,
        // 20% nulls: 0.5 of the other 50%, plus 10%.
        let mut histogram = vec!["a"];
        histogram.extend(["buy MILK"; 49]);
        histogram.extend(["other"; 49]);
        histogram.push("z");
        let stats = TextStats {
            reltuples: 1000.0,
            relpages: 10.0,
            pages: 20.0,
            columns: vec![
                column(&[("milk", 0.1), ("bread", 0.2)], &histogram, 0.2),
                column(&[], &["other"; 100], 0.0),
            ],
        };
        // 2,000 rows (the table doubled since it was analysed) x (0.35 OR the 0.0001 floor).
        assert_eq!(stats.estimate_rows("Milk", "%Milk%"), 700);
    }

    #[test]
    fn small_histograms_lean_on_the_pattern_and_estimates_stay_within_bounds() {
        let stats = TextStats {
            reltuples: 1_000_000.0,
            relpages: 1000.0,
            pages: 1000.0,
            columns: vec![column(&[], &["a"; 5], 0.0), ColumnStats::default()],
        };
        // No usable histogram: like_selectivity of "%abcd%" is 0.008 for each column.
        let each: f64 = 0.2f64.powi(4) * 5.0;
        let expected = (1_000_000.0 * (each + each - each * each)).round() as i64;
        assert_eq!(stats.estimate_rows("abcd", "%abcd%"), expected);
        // Nothing matches anywhere: the 0.0001 floor of each column.
        let mut histogram = vec!["x"; 100];
        histogram[50] = "y";
        let rare = TextStats {
            reltuples: 1_000_000.0,
            relpages: 1000.0,
            pages: 1000.0,
            columns: vec![column(&[], &histogram, 0.0), column(&[], &histogram, 0.0)],
        };
        assert_eq!(rare.estimate_rows("4321", "%4321%"), 200);
    }

    #[test]
    fn a_table_never_analysed_has_no_statistics() {
        let json = r#"{"reltuples": -1, "relpages": 0, "pages": 3, "columns": []}"#;
        assert!(TextStats::parse(json).is_none());
        let json = r#"{"reltuples": 10, "relpages": 1, "pages": 1, "columns": [
            {"null_frac": 0.5, "common": null, "freqs": null, "histogram": ["a", "b"]}]}"#;
        assert!(TextStats::parse(json).is_some());
    }
}
