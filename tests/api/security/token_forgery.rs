//! Forged access tokens: algorithm confusion, junk signatures, keys smuggled in headers
//! (login timing is measured in tests/isolated, away from the other tests' load).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use reqwest::StatusCode;
use sha2::Sha256;

use crate::dual_test;
use crate::support::{JWT_SECRET, ProblemExt, TestApp};

dual_test!(algorithm_confusion_is_refused);

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

async fn algorithm_confusion_is_refused(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("confused").await;
    let payload = user.token.split('.').nth(1).unwrap().to_owned();
    let hmac_over = |signing_input: &str| {
        let mut mac = Hmac::<Sha256>::new_from_slice(JWT_SECRET.as_bytes()).unwrap();
        mac.update(signing_input.as_bytes());
        b64(&mac.finalize().into_bytes())
    };
    let mut forged = Vec::new();
    for alg in ["RS256", "ES256", "PS256", "EdDSA", "HS384", "none", "hs256"] {
        let header = b64(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#).as_bytes());
        let signing_input = format!("{header}.{payload}");
        // Signed with the real HMAC secret but labelled with another algorithm
        // (the HS/RS confusion the other way round), and with a junk signature.
        forged.push((
            alg,
            format!("{signing_input}.{}", hmac_over(&signing_input)),
        ));
        forged.push((alg, format!("{signing_input}.{}", b64(&[7u8; 256]))));
    }
    // A header that smuggles a key, or asks for one from elsewhere.
    for extra in [
        r#","jwk":{"kty":"oct","k":"AAAA"}"#,
        r#","jku":"http://127.0.0.1:1/keys""#,
        r#","kid":"../../etc/passwd""#,
    ] {
        let header = b64(format!(r#"{{"alg":"HS256","typ":"JWT"{extra}}}"#).as_bytes());
        let signing_input = format!("{header}.{payload}");
        forged.push((
            "HS256 + header trick",
            format!("{signing_input}.{}", b64(&[1u8; 32])),
        ));
    }
    for (what, token) in forged {
        api.get("/users/me", &token)
            .await
            .problem(StatusCode::UNAUTHORIZED, "/problems/unauthorized")
            .await;
        let _ = what;
    }
    // The untouched token still works: the rejections were about the forgeries.
    assert_eq!(api.me_status(&user.token).await, StatusCode::OK);
}
