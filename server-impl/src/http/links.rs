//! RFC 8288 `Link` headers to the next page of a list: the same filters and sort, the
//! next cursor.

use todo_api_gen::models;

const BASE: &str = todo_api_gen::BASE_PATH;

/// The `Link` to the next page of todos: the same filters and sort, the next cursor.
pub fn todos_next_link(query: &models::ListTodosQueryParams, limit: u32, cursor: &str) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    url.append_pair("limit", &limit.to_string());
    if let Some(sort) = query.sort {
        url.append_pair("sort", &sort.to_string());
    }
    if let Some(completed) = query.completed {
        url.append_pair("completed", &completed.to_string());
    }
    if let Some(priority) = query.priority {
        url.append_pair("priority", &priority.to_string());
    }
    for tag in &query.tag {
        url.append_pair("tag", tag);
    }
    for (name, time) in [
        ("due_before", query.due_before),
        ("due_after", query.due_after),
    ] {
        if let Some(t) = time {
            url.append_pair(
                name,
                &t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            );
        }
    }
    if let Some(overdue) = query.overdue {
        url.append_pair("overdue", &overdue.to_string());
    }
    if let Some(q) = &query.q {
        url.append_pair("q", q);
    }
    url.append_pair("cursor", cursor);
    format!("<{BASE}/todos?{}>; rel=\"next\"", url.finish())
}

/// The `Link` to the next page of a list without filters (`list_path` below the base
/// path), if there is one.
pub fn next_link(list_path: &str, limit: u32, next_cursor: Option<&str>) -> Option<String> {
    next_cursor.map(|c| format!("<{BASE}/{list_path}?limit={limit}&cursor={c}>; rel=\"next\""))
}
