//! The only cryptography jsonwebtoken gets: HMAC (HS256, HS384, HS512) on the `hmac` and
//! `sha2` crates. Its own `rust_crypto` backend would also build RSA, ECDSA and EdDSA — and with
//! them the `rsa` crate (RUSTSEC-2023-0071) — for algorithms this service never accepts
//! (ADR 0023). Any other algorithm is refused as `InvalidAlgorithm`, never a panic.

use hmac::{Hmac, KeyInit, Mac};
use jsonwebtoken::crypto::{CryptoProvider, JwtSigner, JwtVerifier, KeyUtils};
use jsonwebtoken::errors::{ErrorKind, Result};
use jsonwebtoken::signature::{self, Signer, Verifier};
use jsonwebtoken::{Algorithm, AlgorithmFamily, DecodingKey, EncodingKey};
use sha2::{Sha256, Sha384, Sha512};

static HMAC_ONLY: CryptoProvider = CryptoProvider {
    signer_factory: signer,
    verifier_factory: verifier,
    // JWK helpers (RSA/EC key components, thumbprints) are never used: they panic if called.
    key_utils: KeyUtils::new_unimplemented(),
};

/// Makes HMAC-only jsonwebtoken's backend for this process. Idempotent; called before the
/// first token is signed or checked (`TokenService::new`), and by tests that forge tokens.
pub fn install() {
    // Err means a provider is installed already: this one, as nothing else installs one.
    let _ = HMAC_ONLY.install_default();
}

#[derive(Clone, Copy)]
enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

/// An HMAC key for one algorithm: signs or verifies.
struct HmacKey {
    algorithm: Algorithm,
    hash: Hash,
    secret: Vec<u8>,
}

impl HmacKey {
    fn new(algorithm: Algorithm, family: AlgorithmFamily, secret: &[u8]) -> Result<HmacKey> {
        let hash = match algorithm {
            Algorithm::HS256 => Hash::Sha256,
            Algorithm::HS384 => Hash::Sha384,
            Algorithm::HS512 => Hash::Sha512,
            _ => return Err(ErrorKind::InvalidAlgorithm.into()),
        };
        if family != AlgorithmFamily::Hmac {
            return Err(ErrorKind::InvalidKeyFormat.into());
        }
        Ok(HmacKey {
            algorithm,
            hash,
            secret: secret.to_vec(),
        })
    }
}

fn keyed<M: Mac + KeyInit>(secret: &[u8], message: &[u8]) -> M {
    let mut mac = <M as KeyInit>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(message);
    mac
}

impl Signer<Vec<u8>> for HmacKey {
    fn try_sign(&self, message: &[u8]) -> std::result::Result<Vec<u8>, signature::Error> {
        let (s, m) = (&self.secret, message);
        Ok(match self.hash {
            Hash::Sha256 => keyed::<Hmac<Sha256>>(s, m).finalize().into_bytes().to_vec(),
            Hash::Sha384 => keyed::<Hmac<Sha384>>(s, m).finalize().into_bytes().to_vec(),
            Hash::Sha512 => keyed::<Hmac<Sha512>>(s, m).finalize().into_bytes().to_vec(),
        })
    }
}

impl Verifier<Vec<u8>> for HmacKey {
    /// Constant-time comparison (`Mac::verify_slice`).
    fn verify(&self, message: &[u8], tag: &Vec<u8>) -> std::result::Result<(), signature::Error> {
        let (s, m) = (&self.secret, message);
        match self.hash {
            Hash::Sha256 => keyed::<Hmac<Sha256>>(s, m).verify_slice(tag),
            Hash::Sha384 => keyed::<Hmac<Sha384>>(s, m).verify_slice(tag),
            Hash::Sha512 => keyed::<Hmac<Sha512>>(s, m).verify_slice(tag),
        }
        .map_err(|_| signature::Error::new())
    }
}

impl JwtSigner for HmacKey {
    fn algorithm(&self) -> Algorithm {
        self.algorithm
    }
}

impl JwtVerifier for HmacKey {
    fn algorithm(&self) -> Algorithm {
        self.algorithm
    }
}

fn signer(algorithm: &Algorithm, key: &EncodingKey) -> Result<Box<dyn JwtSigner>> {
    Ok(Box::new(HmacKey::new(
        *algorithm,
        key.family(),
        key.as_bytes(),
    )?))
}

fn verifier(algorithm: &Algorithm, key: &DecodingKey) -> Result<Box<dyn JwtVerifier>> {
    if key.family() != AlgorithmFamily::Hmac {
        return Err(ErrorKind::InvalidKeyFormat.into());
    }
    Ok(Box::new(HmacKey::new(
        *algorithm,
        key.family(),
        key.try_get_as_bytes()?,
    )?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::crypto::{sign, verify};

    /// RFC 4231, test case 2 (key "Jefe"), as base64url.
    #[test]
    fn hmac_matches_rfc_4231() {
        install();
        let key = EncodingKey::from_secret(b"Jefe").unwrap();
        let message = b"what do ya want for nothing?";
        let cases = [
            (
                Algorithm::HS256,
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                Algorithm::HS384,
                "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
            ),
            (
                Algorithm::HS512,
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
            ),
        ];
        for (algorithm, hex) in cases {
            let bytes: Vec<u8> = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                .collect();
            let expected =
                base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, &bytes);
            assert_eq!(sign(message, &key, algorithm).unwrap(), expected);
            let decoding = DecodingKey::from_secret(b"Jefe").unwrap();
            assert!(verify(&expected, message, &decoding, algorithm).unwrap());
            assert!(!verify(&expected, b"what do ya want?", &decoding, algorithm).unwrap());
        }
    }

    #[test]
    fn other_algorithms_are_refused_not_panics() {
        install();
        let key = EncodingKey::from_secret(b"secret").unwrap();
        for algorithm in [
            Algorithm::RS256,
            Algorithm::PS256,
            Algorithm::ES256,
            Algorithm::EdDSA,
        ] {
            let err = sign(b"m", &key, algorithm).unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::InvalidAlgorithm),
                "{algorithm:?}: {err}"
            );
        }
    }
}
