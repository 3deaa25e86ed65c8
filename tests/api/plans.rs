//! `todo-api explain` prints the plans of the list's variants and of the statements a write
//! sends before its change (its locks and position lookups). On a seeded database none of
//! them reads a whole table: PostgreSQL, told to avoid sequential scans (and hash and merge
//! joins, which a small database's planner prefers to index lookups), still plans a full
//! read where no index lookup can serve (an `OR` of a key and a subquery, for one: then a
//! sequential scan, or a walk of the whole primary key in the order asked for), and SQLite's
//! plans name every full scan of a table. On PostgreSQL the server's estimate of a search
//! term's rows (`repo::text_estimate`) matches the planner's for every term it prints.

use crate::dual_test;
use crate::seed::todo_api_at as todo_api;
use crate::support::{Backend, TestDb};

/// The plan lines that read a whole table.
fn full_scans(backend: Backend, plans: &str) -> Vec<String> {
    let lines = plans.lines().map(str::trim);
    match backend {
        Backend::Postgres => {
            // A sequential scan, or an index scan without an `Index Cond` (its details are
            // the lines up to the next node): a walk of the whole index.
            let lines: Vec<&str> = lines.collect();
            lines
                .iter()
                .enumerate()
                .filter(|(i, l)| {
                    l.contains("Seq Scan")
                        || (l.contains("Index Scan") || l.contains("Index Only Scan"))
                            && !lines[i + 1..]
                                .iter()
                                .take_while(|d| !d.starts_with("->") && !d.starts_with("```"))
                                .any(|d| d.starts_with("Index Cond:"))
                })
                .map(|(_, l)| l.to_string())
                .collect()
        }
        Backend::Sqlite => {
            // `SCAN x` of a co-routine, a subquery's result or `json_each` (the bound ids)
            // reads what the statement made, not a table.
            let made: Vec<&str> = lines
                .clone()
                .filter_map(|l| l.strip_prefix("CO-ROUTINE "))
                .collect();
            lines
                .filter_map(|l| Some((l, l.strip_prefix("SCAN ")?)))
                .filter(|(_, what)| {
                    let name = what.split(' ').next().unwrap_or_default();
                    // The full-text table answers a MATCH from its index (`M` in the index
                    // string); without one it would read every row.
                    let matched = what.contains("VIRTUAL TABLE INDEX")
                        && what.rsplit(':').next().is_some_and(|s| s.contains('M'));
                    !(made.contains(&name)
                        || name.starts_with("(subquery")
                        || name == "json_each"
                        || name == "CONSTANT"
                        || matched)
                })
                .map(|(l, _)| l.to_owned())
                .collect()
        }
    }
}

dual_test!(no_planned_statement_reads_a_whole_table);

async fn no_planned_statement_reads_a_whole_table(db: &TestDb) {
    todo_api(
        &db.url,
        db,
        &[
            "seed",
            "--users",
            "3000",
            "--todos",
            "3000",
            "--heavy-todos",
            "1000",
        ],
    )
    .await;
    let url = match db.backend {
        Backend::Sqlite => db.url.clone(),
        Backend::Postgres => {
            let glue = if db.url.contains('?') { '&' } else { '?' };
            // Told to avoid sequential scans and the joins that read both sides whole, the
            // planner of a small database still finds an index lookup wherever one exists.
            let off = ["enable_seqscan", "enable_hashjoin", "enable_mergejoin"]
                .map(|setting| format!("-c%20{setting}%3Doff"))
                .join("%20");
            format!("{}{glue}options={off}", db.url)
        }
    };
    let plans = todo_api(&url, db, &["explain"]).await;
    // Both parts are there, and the lock statements on PostgreSQL.
    assert!(plans.contains("# Query plans of GET /todos"), "{plans}");
    assert!(plans.contains("# Query plans of the write path"), "{plans}");
    if db.backend == Backend::Postgres {
        assert!(plans.contains("lock the accounts a todo write touches"));
        assert!(plans.contains("LockRows"), "{plans}");
    }
    if db.backend == Backend::Postgres {
        // A search's candidate probe: the server's estimate from the columns' statistics is
        // the planner's own (migration 27), term by term.
        let rows: Vec<Vec<&str>> = plans
            .split("# Search estimates")
            .nth(1)
            .expect("the search estimates")
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| term"))
            .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
            .collect();
        assert!(rows.len() >= 5, "{plans}");
        for row in &rows {
            assert_eq!(
                row[1], row[2],
                "estimates differ for {:?} in\n{plans}",
                row[0]
            );
        }
    }
    let scans = full_scans(db.backend, &plans);
    assert!(scans.is_empty(), "full scans {scans:?} in\n{plans}");
}
