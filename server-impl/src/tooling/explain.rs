//! `todo-api explain`: the query plans of the todo list, for checking that every variant
//! the benchmarks load is served by an index, and of the statements a write sends before
//! its change (its locks and position lookups).

use std::sync::Arc;

use chrono::TimeDelta;
use uuid::Uuid;

use crate::domain::{self, Email, Priority};
use crate::repo::Tooling;

/// Search terms whose estimates `explain` prints: common and rare ones of the seeded data,
/// words and digits, one absent, mixed case and a wildcard written as text (each with a run of
/// three letters or digits: a term without one is not estimated, it walks).
const ESTIMATED_TERMS: [&str; 9] = [
    "dentist", "4321", "Milk", "call the", "123", "50% off", "zzzqx", "buy milk", "report",
];

/// `todo-api explain`: the query plan of every list variant the benchmark loads, for the
/// account `email` (by default the seeded heavy user), as Markdown.
pub async fn explain(store: Arc<dyn Tooling>, email: &str) -> anyhow::Result<String> {
    use crate::domain::{SortField, SortKey, SortValue, TodoFilter, TodoSort};
    let user = store
        .find_credentials_by_email(&Email::normalize(email))
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account {email}"))?
        .user;
    let now = domain::now();
    let newest = TodoSort::default();
    let sort = |field, descending| TodoSort { field, descending };
    let deep = SortKey {
        value: SortValue::Time(now - TimeDelta::days(180)),
        id: Uuid::max(),
    };
    fn filter(f: impl FnOnce(&mut TodoFilter)) -> TodoFilter {
        let mut filter = TodoFilter::default();
        f(&mut filter);
        filter
    }
    let cases: Vec<(&str, TodoFilter, TodoSort, Option<SortKey>)> = vec![
        (
            "first page, newest first",
            TodoFilter::default(),
            newest,
            None,
        ),
        (
            "deep page (keyset after a position)",
            TodoFilter::default(),
            newest,
            Some(deep),
        ),
        (
            "completed=false",
            filter(|f| f.completed = Some(false)),
            newest,
            None,
        ),
        (
            "priority=high",
            filter(|f| f.priority = Some(Priority::High)),
            newest,
            None,
        ),
        (
            "tag=travel",
            filter(|f| f.tag_keys = vec!["travel".into()]),
            newest,
            None,
        ),
        (
            "due_before",
            filter(|f| f.due_before = Some(domain::now())),
            newest,
            None,
        ),
        (
            "overdue=true",
            filter(|f| f.overdue = Some(true)),
            newest,
            None,
        ),
        (
            "q=dentist",
            filter(|f| f.text = Some("dentist".into())),
            newest,
            None,
        ),
        (
            "q=4321 (a rare term)",
            filter(|f| f.text = Some("4321".into())),
            newest,
            None,
        ),
        (
            "sort=due_at",
            TodoFilter::default(),
            sort(SortField::DueAt, false),
            None,
        ),
        (
            "sort=-priority",
            TodoFilter::default(),
            sort(SortField::Priority, true),
            None,
        ),
        (
            "sort=title",
            TodoFilter::default(),
            sort(SortField::Title, false),
            None,
        ),
        (
            "sort=-updated_at",
            TodoFilter::default(),
            sort(SortField::UpdatedAt, true),
            None,
        ),
        (
            "list_id (the Inbox), manual order",
            filter(|f| f.list_id = Some(user.id)),
            sort(SortField::Position, false),
            None,
        ),
        (
            "list_id, top_level=true, manual order",
            filter(|f| {
                f.list_id = Some(user.id);
                f.top_level = Some(true);
            }),
            sort(SortField::Position, false),
            None,
        ),
        (
            "list_id, newest first",
            filter(|f| f.list_id = Some(user.id)),
            newest,
            None,
        ),
        (
            "parent_id (subtasks), manual order",
            filter(|f| f.parent_id = Some(Uuid::max())),
            sort(SortField::Position, false),
            None,
        ),
    ];
    let mut out = format!("# Query plans of GET /todos ({})\n", store.backend());
    for (label, filter, sort, after) in cases {
        let plan = store
            .explain_list_todos(user.id, &filter, sort, after)
            .await?;
        out.push_str(&format!("\n## {label}\n\n```\n{}\n```\n", plan.join("\n")));
    }
    let estimates = store.text_estimates(&ESTIMATED_TERMS).await?;
    if !estimates.is_empty() {
        out.push_str(
            "\n# Search estimates: rows over all accounts, by the server (from the columns' \
             statistics) and by the planner\n\n| term | server | planner |\n|---|---|---|\n",
        );
        for (term, server, planner) in estimates {
            let server = server.map_or("no statistics".to_owned(), |n| n.to_string());
            out.push_str(&format!("| {term} | {server} | {planner} |\n"));
        }
    }
    out.push_str(&format!(
        "\n# Query plans of the write path ({}): locks and positions in the Inbox\n",
        store.backend()
    ));
    for (label, plan) in store
        .explain_write_path(user.id, user.id, Uuid::max())
        .await?
    {
        out.push_str(&format!("\n## {label}\n\n```\n{}\n```\n", plan.join("\n")));
    }
    Ok(out)
}
