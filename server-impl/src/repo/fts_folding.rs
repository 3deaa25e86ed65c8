//! Where SQLite's FTS5 trigram index folds case as `REGEXP` `(?i)` does (Unicode simple case
//! folding, the `regex` crate's), so that its matches for a search text include every row
//! the per-row check accepts (ADR 0010).
//!
//! The index folds with SQLite's own table, older and narrower than Unicode's today: a
//! query character in [`UNSAFE`] has a case variant the index does not fold to the same
//! thing (the Cyrillic letters with historic variants such as U+1C80, Georgian Mtavruli,
//! Cherokee, the Latin letters added since Unicode 8, …), so the index could miss a row
//! that `REGEXP` finds. A search text is asked of the index as the runs of at least three
//! characters outside that set (each a substring every matching row contains); a text
//! without one is not asked at all, and the page is walked. The test below recomputes the
//! set from the bundled SQLite and `regex-syntax` and fails if it moved.

/// Query characters whose case variants the trigram index does not all fold alike
/// (inclusive ranges, in order).
const UNSAFE: &[(char, char)] = &[
    ('\u{19b}', '\u{19b}'),
    ('\u{25c}', '\u{25c}'),
    ('\u{261}', '\u{261}'),
    ('\u{264}', '\u{264}'),
    ('\u{26a}', '\u{26a}'),
    ('\u{26c}', '\u{26c}'),
    ('\u{282}', '\u{282}'),
    ('\u{287}', '\u{287}'),
    ('\u{29d}', '\u{29e}'),
    ('\u{37f}', '\u{37f}'),
    ('\u{390}', '\u{390}'),
    ('\u{3b0}', '\u{3b0}'),
    ('\u{3f3}', '\u{3f3}'),
    ('\u{412}', '\u{412}'),
    ('\u{414}', '\u{414}'),
    ('\u{41e}', '\u{41e}'),
    ('\u{421}', '\u{422}'),
    ('\u{42a}', '\u{42a}'),
    ('\u{432}', '\u{432}'),
    ('\u{434}', '\u{434}'),
    ('\u{43e}', '\u{43e}'),
    ('\u{441}', '\u{442}'),
    ('\u{44a}', '\u{44a}'),
    ('\u{462}', '\u{463}'),
    ('\u{528}', '\u{52f}'),
    ('\u{10d0}', '\u{10fa}'),
    ('\u{10fd}', '\u{10ff}'),
    ('\u{13a0}', '\u{13f5}'),
    ('\u{13f8}', '\u{13fd}'),
    ('\u{1c80}', '\u{1c8a}'),
    ('\u{1c90}', '\u{1cba}'),
    ('\u{1cbd}', '\u{1cbf}'),
    ('\u{1d8e}', '\u{1d8e}'),
    ('\u{1fd3}', '\u{1fd3}'),
    ('\u{1fe3}', '\u{1fe3}'),
    ('\u{2c2f}', '\u{2c2f}'),
    ('\u{2c5f}', '\u{2c5f}'),
    ('\u{a64a}', '\u{a64b}'),
    ('\u{a698}', '\u{a69b}'),
    ('\u{a794}', '\u{a794}'),
    ('\u{a796}', '\u{a79f}'),
    ('\u{a7ab}', '\u{a7ae}'),
    ('\u{a7b0}', '\u{a7cd}'),
    ('\u{a7d0}', '\u{a7d1}'),
    ('\u{a7d6}', '\u{a7dc}'),
    ('\u{a7f5}', '\u{a7f6}'),
    ('\u{ab53}', '\u{ab53}'),
    ('\u{ab70}', '\u{abbf}'),
    ('\u{fb05}', '\u{fb06}'),
    ('\u{104b0}', '\u{104d3}'),
    ('\u{104d8}', '\u{104fb}'),
    ('\u{10570}', '\u{1057a}'),
    ('\u{1057c}', '\u{1058a}'),
    ('\u{1058c}', '\u{10592}'),
    ('\u{10594}', '\u{10595}'),
    ('\u{10597}', '\u{105a1}'),
    ('\u{105a3}', '\u{105b1}'),
    ('\u{105b3}', '\u{105b9}'),
    ('\u{105bb}', '\u{105bc}'),
    ('\u{10c80}', '\u{10cb2}'),
    ('\u{10cc0}', '\u{10cf2}'),
    ('\u{10d50}', '\u{10d65}'),
    ('\u{10d70}', '\u{10d85}'),
    ('\u{118a0}', '\u{118df}'),
    ('\u{16e40}', '\u{16e7f}'),
    ('\u{1e900}', '\u{1e943}'),
];

/// Whether the index folds every case variant of `c` (in a stored row) to what it folds `c`
/// (in the query) to.
fn folds_like_regex(c: char) -> bool {
    UNSAFE
        .binary_search_by(|&(low, high)| {
            if high < c {
                std::cmp::Ordering::Less
            } else if low > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_err()
}

/// At most this many characters of a search text are asked of the index. A phrase costs
/// the index a position check per trigram in every row holding all its trigrams, matching
/// or not: 200 characters of common words that never occur together cost about 0.3 s at
/// 1,000,000 todos, 32 about 30 ms. Fewer characters only make the candidates a looser
/// superset of the matches; the per-row check decides.
const MAX_ASKED_CHARS: usize = 32;

/// The FTS5 query whose matches include every row whose title or notes contain `text`
/// ignoring case: the runs of at least three characters of `text` that the index folds as
/// `REGEXP` does (the first [`MAX_ASKED_CHARS`] of them), each a quoted phrase (`"`
/// doubled, so FTS5 operators in user text are inert), all required. `None` if there is no
/// such run.
pub fn fts_query(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut budget = MAX_ASKED_CHARS;
    let mut phrases = Vec::new();
    for run in chars.split(|c| !folds_like_regex(*c)) {
        let run = &run[..run.len().min(budget)];
        if run.len() < 3 {
            continue;
        }
        budget -= run.len();
        let run: String = run.iter().collect();
        phrases.push(format!("\"{}\"", run.replace('"', "\"\"")));
    }
    (!phrases.is_empty()).then(|| phrases.join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::{Connection, SqliteConnection};

    #[test]
    fn the_index_is_asked_for_runs_it_folds_like_regex() {
        assert_eq!(fts_query("dentist").as_deref(), Some("\"dentist\""));
        assert_eq!(
            fts_query("say \"hi\"").as_deref(),
            Some("\"say \"\"hi\"\"\"")
        );
        assert_eq!(fts_query("Ärzte").as_deref(), Some("\"Ärzte\""));
        // о (U+043E) has the historic variant ᲂ (U+1C82), which the index does not fold.
        assert_eq!(fts_query("работа").as_deref(), Some("\"раб\""));
        assert_eq!(fts_query("дом"), None);
        assert_eq!(fts_query("ab"), None);
        // A long text: its first 32 characters.
        let long = "dentist ".repeat(25);
        assert_eq!(fts_query(&long), Some(format!("\"{}\"", &long[..32])));
        assert_eq!(
            fts_query("abcd ᲂ efghijklmnopqrstuvwxyz0123456789 ᲂ xyz").as_deref(),
            Some("\"abcd \" AND \" efghijklmnopqrstuvwxyz0123\"")
        );
    }

    /// Every pair of characters `regex` treats as one ignoring case (simple case folding).
    fn case_pairs() -> Vec<(char, char)> {
        use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
        let mut pairs = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
            class.case_fold_simple();
            for range in class.iter() {
                for d in range.start()..=range.end() {
                    if d != c {
                        pairs.push((c, d));
                    }
                }
            }
        }
        pairs
    }

    #[tokio::test]
    async fn the_unsafe_set_is_where_the_bundled_index_folds_differently() {
        let mut db = SqliteConnection::connect("sqlite::memory:").await.unwrap();
        sqlx::query("CREATE VIRTUAL TABLE f USING fts5(t, tokenize = 'trigram')")
            .execute(&mut db)
            .await
            .unwrap();
        let pairs = case_pairs();
        assert!(pairs.len() > 2000, "{}", pairs.len());
        let mut tx = db.begin().await.unwrap();
        for (i, (stored, _)) in pairs.iter().enumerate() {
            sqlx::query("INSERT INTO f (rowid, t) VALUES (?, ?)")
                .bind(i as i64)
                .bind(format!("ab{stored}cd"))
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        let mut unsafe_chars = std::collections::BTreeSet::new();
        for (i, (_, asked)) in pairs.iter().enumerate() {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT rowid FROM f WHERE f MATCH ? AND rowid = ?")
                    .bind(format!("\"b{asked}c\""))
                    .bind(i as i64)
                    .fetch_optional(&mut db)
                    .await
                    .unwrap();
            if found.is_none() {
                unsafe_chars.insert(*asked);
            }
        }
        let listed: std::collections::BTreeSet<char> =
            UNSAFE.iter().flat_map(|&(low, high)| low..=high).collect();
        assert_eq!(unsafe_chars, listed);
        assert!(UNSAFE.windows(2).all(|w| w[0].1 < w[1].0));
    }
}
