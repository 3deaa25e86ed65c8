//! The alerting rules (`ops/alerts.yaml`) and their runbooks (`docs/runbooks/`): every alert
//! links a runbook with the four parts on-call needs, every runbook belongs to an alert, every
//! alert has a unit test that fires it and one that keeps it quiet, and `promtool` accepts the
//! rules and passes those tests.

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;

use crate::support::{installed, repo_file};

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(repo_file(path)).unwrap();
    serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every alerting rule: (name, the rule).
fn alerts() -> Vec<(String, Value)> {
    let rules = yaml("ops/alerts.yaml");
    let mut alerts = Vec::new();
    for group in rules["groups"].as_array().unwrap() {
        for rule in group["rules"].as_array().unwrap() {
            if let Some(name) = rule["alert"].as_str() {
                alerts.push((name.to_owned(), rule.clone()));
            }
        }
    }
    assert!(alerts.len() >= 10, "too few alerts: {}", alerts.len());
    alerts
}

#[test]
fn every_alert_has_a_runbook_and_every_runbook_an_alert() {
    let mut names = BTreeSet::new();
    for (name, rule) in alerts() {
        let url = rule["annotations"]["runbook_url"].as_str();
        let expected = format!("docs/runbooks/{name}.md");
        assert_eq!(url, Some(expected.as_str()), "{name}: runbook_url");
        let page = std::fs::read_to_string(repo_file(&expected))
            .unwrap_or_else(|e| panic!("{name}: {expected}: {e}"));
        for part in ["## Meaning", "## Confirm", "## Mitigate", "## Escalate"] {
            assert!(page.contains(part), "{expected} has no `{part}`");
        }
        assert!(rule["labels"]["severity"].is_string(), "{name}: severity");
        assert!(
            rule["annotations"]["summary"].is_string(),
            "{name}: summary"
        );
        assert!(names.insert(name.clone()), "{name} defined twice");
    }
    for entry in std::fs::read_dir(repo_file("docs/runbooks")).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        if file == "README.md" {
            continue;
        }
        let alert = file.strip_suffix(".md").unwrap_or(&file);
        assert!(
            names.contains(alert),
            "docs/runbooks/{file} belongs to no alert"
        );
    }
}

#[test]
fn every_alert_is_tested_firing_and_quiet() {
    let tests = yaml("ops/alerts.test.yaml");
    let (mut fired, mut quiet) = (BTreeSet::new(), BTreeSet::new());
    for test in tests["tests"].as_array().unwrap() {
        for case in test["alert_rule_test"].as_array().into_iter().flatten() {
            let name = case["alertname"].as_str().unwrap().to_owned();
            match case["exp_alerts"].as_array() {
                Some(expected) if !expected.is_empty() => fired.insert(name),
                _ => quiet.insert(name),
            };
        }
    }
    for (name, _) in alerts() {
        assert!(fired.contains(&name), "{name}: no test shows it firing");
        assert!(quiet.contains(&name), "{name}: no test shows it quiet");
    }
}

#[test]
fn promtool_accepts_the_rules_and_passes_their_tests() {
    let Some(promtool) = installed("promtool") else {
        return;
    };
    for args in [
        ["check", "rules", "ops/alerts.yaml"],
        ["test", "rules", "ops/alerts.test.yaml"],
    ] {
        let out = Command::new(&promtool)
            .args(args)
            .current_dir(repo_file(""))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "promtool {}: {}{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
