//! Liveness and readiness probes.

use reqwest::StatusCode;
use serde_json::json;

use crate::dual_test;
use crate::support::{Backend, ProblemExt, TestApp};

dual_test!(probes_follow_the_database);

async fn probes_follow_the_database(app: &TestApp) {
    let api = &app.api;
    let live = api.get_liveness().await.expect(StatusCode::OK);
    assert_eq!(live, json!({"status": "ok"}));
    let ready = api.get_readiness().await.expect(StatusCode::OK);
    assert_eq!(ready, json!({"status": "ok"}));

    if app.db.backend == Backend::Postgres {
        // The database goes away under the running server.
        app.db.drop_database().await;
    } else {
        app.store.close().await;
    }
    let res = api.http.get(api.url("/health/ready")).send().await.unwrap();
    res.problem(StatusCode::SERVICE_UNAVAILABLE, "/problems/not-ready")
        .await;
    // The process itself is still alive.
    let res = api.http.get(api.url("/health/live")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // Other endpoints answer 503 too (retry later), without leaking the cause.
    let res = api
        .register("late@example.com", "long enough", "Late")
        .await;
    assert_eq!(res.headers["retry-after"], "5");
    let body = res
        .problem(StatusCode::SERVICE_UNAVAILABLE, "/problems/not-ready")
        .await;
    assert_eq!(body["detail"], "The database is not answering.");
}
