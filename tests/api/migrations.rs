//! Expand/contract (ADR 0022): a shipped migration never changes, and a new one never drops,
//! renames or narrows what the previous release reads, so that the previous binary still runs
//! on the new schema and a rollback needs no down-migration (`rollback.rs` shows it does).

use std::collections::BTreeMap;
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::support::repo_file;

/// `migrations/released.txt`: the release's commit and the shipped migrations' hashes.
fn released() -> (String, BTreeMap<String, String>) {
    let text = std::fs::read_to_string(repo_file("migrations/released.txt")).unwrap();
    let mut release = None;
    let mut files = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (key, value) = line.split_once(' ').expect("`name value` lines");
        if key == "release" {
            release = Some(value.to_owned());
        } else {
            files.insert(key.to_owned(), value.to_owned());
        }
    }
    (release.expect("a `release` line"), files)
}

/// Every migration file, as `<backend>/<file>`.
fn migrations() -> Vec<String> {
    let mut all = Vec::new();
    for backend in ["sqlite", "postgres"] {
        for entry in std::fs::read_dir(repo_file("migrations").join(backend)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            all.push(format!("{backend}/{name}"));
        }
    }
    all.sort();
    all
}

#[test]
fn shipped_migrations_never_change() {
    let (_, shipped) = released();
    assert!(!shipped.is_empty());
    for (file, hash) in &shipped {
        let bytes = std::fs::read(repo_file("migrations").join(file))
            .unwrap_or_else(|e| panic!("shipped migration {file} is gone: {e}"));
        let actual: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            &actual, hash,
            "shipped migration {file} was changed; add a new one instead"
        );
    }
}

/// What a statement would take away from the previous release: (what, the name it names).
fn contractions(sql: &str) -> Vec<(&'static str, String)> {
    let text: String = sql
        .lines()
        .map(|l| l.split("--").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut found = Vec::new();
    for statement in text.split(';') {
        let words: Vec<&str> = statement
            .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
            .filter(|w| !w.is_empty() && *w != "if" && *w != "exists")
            .collect();
        let name = |i: usize| words.get(i).map(|w| w.trim_matches('"').to_owned());
        for (i, w) in words.iter().enumerate() {
            match (*w, words.get(i + 1).copied()) {
                ("drop", Some("table")) => found.extend(name(i + 2).map(|n| ("drops table", n))),
                ("drop", Some("column")) => found.extend(name(i + 2).map(|n| ("drops column", n))),
                ("rename", Some("column")) => {
                    found.extend(name(i + 2).map(|n| ("renames column", n)))
                }
                ("rename", Some("to")) => {
                    // ALTER TABLE <name> RENAME TO <new>
                    let table = words[..i].iter().rposition(|w| *w == "table");
                    found.extend(
                        table
                            .and_then(|t| name(t + 1))
                            .map(|n| ("renames table", n)),
                    );
                }
                ("rename", Some(column)) if column != "to" => {
                    found.push(("renames column", column.trim_matches('"').to_owned()))
                }
                ("alter", Some("column")) => {
                    let rest = &words[i + 3..];
                    let narrows = rest.first() == Some(&"type")
                        || rest.starts_with(&["set", "data", "type"])
                        || rest.starts_with(&["set", "not", "null"]);
                    if narrows {
                        found.extend(name(i + 2).map(|n| ("changes column", n)));
                    }
                }
                ("add", Some("column")) => {
                    let clause = &words[i + 3..];
                    let not_null = clause.windows(2).any(|p| p == ["not", "null"]);
                    if not_null && !clause.contains(&"default") {
                        found.extend(
                            name(i + 2).map(|n| ("adds a NOT NULL column without default", n)),
                        );
                    }
                }
                _ => {}
            }
        }
    }
    found
}

#[test]
fn new_migrations_only_expand() {
    let (release, shipped) = released();
    for file in migrations() {
        if shipped.contains_key(&file) {
            continue;
        }
        let sql = std::fs::read_to_string(repo_file("migrations").join(&file)).unwrap();
        for (what, name) in contractions(&sql) {
            // Allowed only once the previous release no longer names it anywhere in its code.
            let out = Command::new("git")
                .args([
                    "grep",
                    "-q",
                    "-i",
                    "-w",
                    &name,
                    &release,
                    "--",
                    "server-impl/src",
                ])
                .current_dir(repo_file(""))
                .output()
                .expect("git");
            match out.status.code() {
                Some(1) => {} // not found: nothing of the previous release reads it
                Some(0) => panic!(
                    "{file} {what} `{name}`, which the previous release ({release}) still uses: \
                     expand now, contract in the release after the one that stops using it"
                ),
                _ => panic!(
                    "{file} {what} `{name}`: cannot read the previous release {release} \
                     (a shallow clone? `git fetch --unshallow`): {}",
                    String::from_utf8_lossy(&out.stderr)
                ),
            }
        }
    }
}

#[test]
fn contractions_are_recognised() {
    let found = |sql| {
        contractions(sql)
            .into_iter()
            .map(|(w, n)| format!("{w} {n}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(found("DROP TABLE IF EXISTS todos;"), ["drops table todos"]);
    assert_eq!(
        found("ALTER TABLE todos DROP COLUMN notes"),
        ["drops column notes"]
    );
    assert_eq!(
        found("alter table todos rename column notes to body"),
        ["renames column notes"]
    );
    assert_eq!(
        found("ALTER TABLE todos RENAME TO tasks"),
        ["renames table todos"]
    );
    assert_eq!(
        found("ALTER TABLE todos ALTER COLUMN title TYPE varchar(10)"),
        ["changes column title"]
    );
    assert_eq!(
        found("ALTER TABLE todos ALTER COLUMN notes SET NOT NULL"),
        ["changes column notes"]
    );
    assert_eq!(
        found("ALTER TABLE todos ADD COLUMN list_id TEXT NOT NULL"),
        ["adds a NOT NULL column without default list_id"]
    );
    // Expanding is fine.
    assert!(found("ALTER TABLE todos ADD COLUMN pos TEXT NOT NULL DEFAULT ''").is_empty());
    assert!(found("CREATE TABLE lists (id TEXT PRIMARY KEY); -- DROP TABLE todos").is_empty());
    assert!(
        found("CREATE INDEX a ON todos (x); DROP INDEX b; ALTER COLUMN x DROP NOT NULL").is_empty()
    );
}
