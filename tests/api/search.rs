//! Search (`q`): title or notes contain the text, ignoring case (ADR 0010). A page is read
//! from the text index's candidates when the term is rare (fewer than `SEARCH_CANDIDATE_CAP`
//! over all accounts: counted on SQLite, the planner's estimate on PostgreSQL) and walked in
//! page order otherwise; both check each row the same way, so every node here, whatever its
//! cap, must answer the same.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::client::Api;
use crate::support::{Backend, TestApp};

dual_test!(rare_and_common_terms_answer_alike_on_every_path);

/// Every page of `query` (`limit` per page), following `next_cursor`.
async fn walk(api: &Api, token: &str, query: &str, limit: u32) -> Vec<Value> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut url = format!("limit={limit}&{query}");
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let res = api.list_todos(token, &url).await;
        assert_eq!(res.status, StatusCode::OK, "{url}: {}", res.body);
        items.extend(res.body["items"].as_array().unwrap().iter().cloned());
        match res.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return items,
        }
    }
}

fn q(text: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("q", text)
        .finish()
}

fn titles(items: &[Value]) -> BTreeSet<String> {
    items
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_owned())
        .collect()
}

fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn rare_and_common_terms_answer_alike_on_every_path(app: &TestApp) {
    let api = &app.api;
    let me = api.new_user("searcher").await;
    let stranger = api.new_user("stranger").await;
    let errands = app.created_list(&me.token, "Errands").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // (title, notes, in Errands rather than the Inbox)
    let mine: &[(&str, Option<&str>, bool)] = &[
        ("Ärzte anrufen", None, false),
        ("ÄRZTE-Termin", Some("bring the card"), true),
        ("Insurance", Some("the ärzte bill"), true),
        ("a.b dotted", None, false),
        ("axb", Some("acb"), false),
        ("(xy) grouped", None, true),
        ("xy) no group", None, false),
        ("50% off", None, false),
        ("500 pieces", None, true),
        ("a_b under", None, false),
        ("a+b plus", None, true),
        ("aab", None, false),
        ("no match", None, false),
        ("Работа дома", None, true),
        (
            "Please call the dentist about the invoice 4321",
            None,
            false,
        ),
        ("Please call the dentist about the invoice 1234", None, true),
    ];
    for (title, notes, in_errands) in mine {
        let mut body = json!({"title": title, "notes": notes});
        if *in_errands {
            body["list_id"] = json!(errands);
        }
        api.created_todo(&me.token, body).await;
    }
    // Twelve "dentist" todos across both lists, in title, notes or both, for paging; ties
    // in priority, title and due date on purpose.
    for i in 0..12 {
        let (title, notes) = match i % 3 {
            0 => (format!("Dentist {}", i % 5), None),
            1 => (format!("Call {}", i % 4), Some("the DENTIST again")),
            _ => ("dentist".to_owned(), Some("dentist")),
        };
        let priority = ["low", "normal", "high"][i % 3];
        let mut body = json!({"title": title, "notes": notes, "priority": priority});
        if i % 2 == 0 {
            body["list_id"] = json!(errands);
        }
        if i % 4 != 0 {
            body["due_at"] = json!(format!("2027-0{}-01T00:00:00Z", 1 + i % 3));
        }
        api.created_todo(&me.token, body).await;
    }
    // Another account's todos with the same terms (and a rare one only there): never shown.
    for title in [
        "Dentist of the stranger",
        "ärzte secret",
        "a.b secret",
        "zq9876",
    ] {
        api.created_todo(&stranger.token, json!({"title": title, "notes": "dentist"}))
            .await;
    }

    // PostgreSQL's estimate (what tells a rare term from a common one there) is the planner's
    // until the table has statistics, then the server's own from them (`repo::text_estimate`):
    // this node searched once before any `ANALYZE` and keeps asking the planner for a minute;
    // the nodes started after it compute the estimate.
    walk(api, &me.token, "q=dentist", 5).await;
    if app.db.backend == Backend::Postgres {
        app.db.sql("ANALYZE todos").await;
    }

    // The default cap reads every term's candidates here; a cap of 0 walks every page; a cap
    // of 10 walks "dentist" (16 candidates; on PostgreSQL, what its planner estimates) and
    // reads the others' candidates.
    let walker = app
        .another_node(|c| c.database.search_candidate_cap = 0)
        .await;
    let between = app
        .another_node(|c| c.database.search_candidate_cap = 10)
        .await;
    let nodes = [
        ("candidates", api),
        ("walk", &walker.api),
        ("cap 10", &between.api),
    ];

    let set =
        |titles: &[&str]| -> BTreeSet<String> { titles.iter().map(|s| s.to_string()).collect() };
    let dentists = {
        let mut all = BTreeSet::new();
        for i in 0..12 {
            all.insert(match i % 3 {
                0 => format!("Dentist {}", i % 5),
                1 => format!("Call {}", i % 4),
                _ => "dentist".to_owned(),
            });
        }
        all
    };
    let cases: Vec<(&str, BTreeSet<String>)> = vec![
        (
            "ärzte",
            set(&["Ärzte anrufen", "ÄRZTE-Termin", "Insurance"]),
        ),
        (
            "ÄRZTE",
            set(&["Ärzte anrufen", "ÄRZTE-Termin", "Insurance"]),
        ),
        ("a.b", set(&["a.b dotted"])),
        ("(xy)", set(&["(xy) grouped"])),
        ("xy)", set(&["(xy) grouped", "xy) no group"])),
        ("50%", set(&["50% off"])),
        ("a_b", set(&["a_b under"])),
        ("a+b", set(&["a+b plus"])),
        ("acb", set(&["axb"])),
        ("9876", set(&[])),
        // The index is asked for "раб" only (it folds "о" and "т" more narrowly than the
        // check), and not at all for "ДОМА".
        ("работа", set(&["Работа дома"])),
        ("ДОМА", set(&["Работа дома"])),
        (
            "dentist",
            dentists
                .iter()
                .cloned()
                .chain([
                    "Please call the dentist about the invoice 4321".to_owned(),
                    "Please call the dentist about the invoice 1234".to_owned(),
                ])
                .collect(),
        ),
        // Longer than what the index is asked for (32 characters): the rest is checked.
        (
            "call the dentist about the invoice 4321",
            set(&["Please call the dentist about the invoice 4321"]),
        ),
        (
            "DENTIST again",
            dentists
                .iter()
                .filter(|t| t.starts_with("Call"))
                .cloned()
                .collect(),
        ),
    ];
    for (name, node) in nodes {
        for (text, want) in &cases {
            let got = titles(&walk(node, &me.token, &q(text), 100).await);
            assert_eq!(&got, want, "{name}: q={text}");
        }
    }

    // Every sort, over all lists and within one, paged two at a time: the same todos in the
    // same order on every node, and the same as one page of all of them.
    let sorts = [
        "created_at",
        "-created_at",
        "updated_at",
        "-updated_at",
        "due_at",
        "-due_at",
        "priority",
        "-priority",
        "title",
        "-title",
    ];
    let errands_scope = format!("&list_id={errands}");
    for scope in ["", errands_scope.as_str()] {
        let mut sorts: Vec<&str> = sorts.to_vec();
        if !scope.is_empty() {
            sorts.extend(["position", "-position"]);
        }
        for text in ["dentist", "ärzte"] {
            for sort in &sorts {
                let query = format!("{}&sort={sort}{scope}", q(text));
                let whole = ids(&walk(api, &me.token, &query, 100).await);
                assert!(!whole.is_empty(), "{query}");
                for (name, node) in nodes {
                    let paged = ids(&walk(node, &me.token, &query, 2).await);
                    assert_eq!(paged, whole, "{name}: {query}");
                }
            }
        }
    }
    walker.stop().await;
    between.stop().await;
}
