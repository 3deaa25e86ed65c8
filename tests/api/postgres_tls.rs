//! TLS to PostgreSQL (issue 10, user story 1), on a private cluster with `ssl=on` and a CA
//! and server certificate made here with `openssl`: every `sslmode` behaves as libpq
//! documents, and a refused certificate stops start-up with its cause in words.
//!
//! The server certificate names `DNS:localhost` only, so that `127.0.0.1` is a host name
//! it is not valid for.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;
use todo_api::repo::{PoolSettings, Store};

use crate::support::cluster::{PrivateCluster, give_to_postgres};
use crate::support::{Backend, Node, TestDb, server_config};

const BIN: &str = env!("CARGO_BIN_EXE_todo-api");
/// In every URL, to show that no error message repeats it (trust authentication ignores it).
const PASSWORD: &str = "pw-never-shown-4711";

/// The CA that signed the server's certificate, and one that did not.
struct Pki {
    ca: PathBuf,
    wrong_ca: PathBuf,
}

/// `openssl` with `args` (split at spaces) in `dir`.
fn openssl(dir: &Path, args: &str) {
    let out = Command::new("openssl")
        .args(args.split_whitespace())
        .current_dir(dir)
        .output()
        .expect("openssl runs (scripts/ci-prepare installs it)");
    assert!(
        out.status.success(),
        "openssl {args}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A self-signed CA in `dir`: `{name}.crt`, `{name}.key`.
fn make_ca(dir: &Path, name: &str) -> PathBuf {
    openssl(
        dir,
        &format!(
            "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
             -subj /CN={name} -addext basicConstraints=critical,CA:TRUE \
             -addext keyUsage=critical,keyCertSign,cRLSign -keyout {name}.key -out {name}.crt"
        ),
    );
    dir.join(format!("{name}.crt"))
}

/// A private cluster with TLS on: certificates made in its folder, the server's key given
/// to the `postgres` user. `None` (skip) outside CI without PostgreSQL's binaries.
fn tls_cluster() -> Option<(PrivateCluster, Pki)> {
    let mut cluster = PrivateCluster::init()?;
    let dir = cluster.dir().join("tls");
    std::fs::create_dir(&dir).unwrap();
    let ca = make_ca(&dir, "ca");
    let wrong_ca = make_ca(&dir, "wrong-ca");
    openssl(
        &dir,
        "req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
         -keyout server.key -out server.csr",
    );
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n\
         keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(
        &dir,
        "x509 -req -in server.csr -CA ca.crt -CAkey ca.key -set_serial 2 -days 2 \
         -extfile server.ext -out server.crt",
    );
    give_to_postgres(&dir.join("server.key"), "600");
    cluster.set("ssl", "on");
    cluster.set(
        "ssl_cert_file",
        &dir.join("server.crt").display().to_string(),
    );
    cluster.set(
        "ssl_key_file",
        &dir.join("server.key").display().to_string(),
    );
    cluster.start();
    Some((cluster, Pki { ca, wrong_ca }))
}

/// The URL of the cluster at `host` with `query` (`application_name` names the connections
/// for `pg_stat_ssl`).
fn url(cluster: &PrivateCluster, host: &str, query: &str) -> String {
    format!(
        "postgres://postgres:{PASSWORD}@{host}:{}/postgres?{query}",
        cluster.port
    )
}

/// Whether the open connections named `application_name` use TLS: "true", "false", or ""
/// when there are none; several connections give several values.
fn ssl_of(cluster: &PrivateCluster, application_name: &str) -> String {
    cluster.psql(&format!(
        "SELECT string_agg(DISTINCT s.ssl::text, ',') FROM pg_stat_ssl s \
         JOIN pg_stat_activity a USING (pid) WHERE a.application_name = '{application_name}'"
    ))
}

async fn connect(url: &str) -> anyhow::Result<std::sync::Arc<dyn Store>> {
    let settings = PoolSettings {
        max_connections: Some(2),
        acquire_timeout: Duration::from_secs(5),
        search_candidate_cap: 2000,
    };
    todo_api::repo::connect(url, &settings).await
}

/// Connects with `url`, pings, and says whether the connection uses TLS.
async fn ssl_with(cluster: &PrivateCluster, url: &str, application_name: &str) -> String {
    let store = connect(url)
        .await
        .unwrap_or_else(|e| panic!("{application_name}: {e:#}"));
    store.ping().await.unwrap();
    let ssl = ssl_of(cluster, application_name);
    store.close().await;
    ssl
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_sslmode_behaves_as_libpq_documents() {
    let Some((mut cluster, pki)) = tls_cluster() else {
        return;
    };
    let ca = pki.ca.display();

    // verify-full with the right CA and the certificate's host name: the app serves.
    let db = TestDb::external(
        Backend::Postgres,
        url(
            &cluster,
            "localhost",
            &format!("sslmode=verify-full&sslrootcert={ca}&application_name=full"),
        ),
        tempfile::tempdir().unwrap(),
    );
    let node = Node::start(&server_config(&db)).await;
    let user = node.api.new_user("tls").await;
    node.api
        .created_todo(&user.token, json!({ "title": "over TLS" }))
        .await;
    let list = node
        .api
        .list_todos(&user.token, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(list["items"][0]["title"], "over TLS");
    assert_eq!(ssl_of(&cluster, "full"), "true");
    node.stop().await;

    // require: TLS without checking the certificate (nobody said which CA to trust).
    let require = url(
        &cluster,
        "127.0.0.1",
        "sslmode=require&application_name=require",
    );
    assert_eq!(ssl_with(&cluster, &require, "require").await, "true");

    // verify-ca: the chain is checked, the host name is not (127.0.0.1 is not in the
    // certificate).
    let verify_ca = url(
        &cluster,
        "127.0.0.1",
        &format!("sslmode=verify-ca&sslrootcert={ca}&application_name=ca"),
    );
    assert_eq!(ssl_with(&cluster, &verify_ca, "ca").await, "true");

    // No sslmode: prefer, which takes TLS when the server offers it.
    let prefer = url(&cluster, "127.0.0.1", "application_name=prefer");
    assert_eq!(ssl_with(&cluster, &prefer, "prefer").await, "true");

    // disable: clear text although the server offers TLS.
    let disable = url(
        &cluster,
        "127.0.0.1",
        "sslmode=disable&application_name=disable",
    );
    assert_eq!(ssl_with(&cluster, &disable, "disable").await, "false");

    // A server without TLS: prefer falls back to clear text, require refuses.
    cluster.stop();
    cluster.set("ssl", "off");
    cluster.start();
    assert_eq!(ssl_with(&cluster, &prefer, "prefer").await, "false");
    let error = format!(
        "{:#}",
        connect(&require).await.err().expect("require fails")
    );
    assert!(
        error.contains("does not accept TLS connections, which sslmode=require requires"),
        "{error}"
    );
    assert!(!error.contains(PASSWORD), "{error}");
}

/// `todo-api serve` on `database_url`: must exit non-zero at start-up; returns its stderr.
async fn start_up_failure(database_url: &str) -> String {
    let data = tempfile::tempdir().unwrap();
    let child = tokio::process::Command::new(BIN)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DATABASE_URL", database_url)
        .env("DATA_DIR", data.path())
        .env("JWT_SECRET", crate::support::JWT_SECRET)
        .env("LISTEN_ADDR", "127.0.0.1:0")
        .current_dir(data.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let out = tokio::time::timeout(Duration::from_secs(30), child.wait_with_output())
        .await
        .expect("the server gives up at start-up")
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "started: {stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        !stderr.contains(PASSWORD),
        "the password is shown: {stderr}"
    );
    stderr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_certificate_stops_start_up_with_its_cause() {
    let Some((cluster, pki)) = tls_cluster() else {
        return;
    };
    let port = cluster.port;
    let (ca, wrong_ca) = (pki.ca.display(), pki.wrong_ca.display());

    // A certificate signed by another CA than sslrootcert's.
    let stderr = start_up_failure(&url(
        &cluster,
        "localhost",
        &format!("sslmode=verify-full&sslrootcert={wrong_ca}"),
    ))
    .await;
    assert!(
        stderr.contains(&format!(
            "error: cannot connect to PostgreSQL at localhost:{port}/postgres \
             (sslmode=verify-full): the server's certificate is not signed by a trusted CA \
             (unknown issuer"
        )),
        "{stderr}"
    );

    // require with a root certificate checks the chain, as libpq's does (verify-ca).
    let stderr = start_up_failure(&url(
        &cluster,
        "localhost",
        &format!("sslmode=require&sslrootcert={wrong_ca}"),
    ))
    .await;
    assert!(stderr.contains("(sslmode=verify-ca)"), "{stderr}");
    assert!(stderr.contains("(unknown issuer"), "{stderr}");

    // The right CA, but a host name the certificate does not name.
    let stderr = start_up_failure(&url(
        &cluster,
        "127.0.0.1",
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    ))
    .await;
    assert!(
        stderr.contains(&format!(
            "error: cannot connect to PostgreSQL at 127.0.0.1:{port}/postgres \
             (sslmode=verify-full): the server's certificate is not valid for the host name \
             127.0.0.1 (host name mismatch)"
        )),
        "{stderr}"
    );

    // The CA file missing altogether.
    let stderr = start_up_failure(&url(
        &cluster,
        "localhost",
        "sslmode=verify-full&sslrootcert=/nonexistent/ca.crt",
    ))
    .await;
    assert!(stderr.contains("/nonexistent/ca.crt"), "{stderr}");
}
