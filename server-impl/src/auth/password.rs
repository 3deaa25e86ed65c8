//! argon2id password hashing, off the async runtime on a fixed set of workers (one per core)
//! that reuse their memory (auth::hash_pool).

use std::sync::Arc;

use anyhow::Context;
use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Params, Version};

use super::hash_pool::{HashPool, Memory};

/// OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

#[derive(Clone)]
pub struct PasswordHasher {
    params: Params,
    /// One worker per core: a burst of logins queues for them instead of starving the
    /// runtime or the blocking pool, and hashing memory stays bounded.
    pool: Arc<HashPool>,
    /// Verified against when the account does not exist, so both cases cost the same.
    dummy_hash: Arc<str>,
}

impl PasswordHasher {
    pub fn new() -> anyhow::Result<PasswordHasher> {
        let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
            .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
        let dummy_hash = hash_in(
            &mut Memory::default(),
            &params,
            b"dummy password for unknown accounts",
        )
        .context("cannot compute the dummy hash")?;
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(PasswordHasher {
            params,
            pool: Arc::new(HashPool::new(cores)?),
            dummy_hash: dummy_hash.into(),
        })
    }

    /// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
    pub async fn hash(&self, password: &str) -> anyhow::Result<String> {
        let password = password.to_owned();
        let params = self.params.clone();
        self.pool
            .run(move |memory| hash_in(memory, &params, password.as_bytes()))
            .await?
    }

    /// Checks `password` against `stored`; with `None` (no such account) it checks against
    /// a dummy hash and answers `false`, taking the same time as a wrong password.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> anyhow::Result<bool> {
        let known = stored.is_some();
        let hash = stored.map_or_else(|| self.dummy_hash.to_string(), str::to_owned);
        let password = password.to_owned();
        let matches = self
            .pool
            .run(move |memory| verify_in(memory, password.as_bytes(), &hash))
            .await??;
        Ok(known && matches)
    }

    /// Whether a stored hash was made with weaker settings than today's (another algorithm,
    /// less memory or fewer passes) and should be replaced at the next successful login.
    pub fn needs_rehash(&self, stored: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(stored) else {
            return false;
        };
        if parsed.algorithm.as_str() != "argon2id" {
            return true;
        }
        Params::try_from(&parsed).is_ok_and(|p| p.m_cost() < MEMORY_KIB || p.t_cost() < ITERATIONS)
    }
}

/// What `Argon2::hash_password` computes (a 16-byte random salt, argon2id v19), with the
/// worker's memory instead of a fresh allocation.
fn hash_in(memory: &mut Memory, params: &Params, password: &[u8]) -> anyhow::Result<String> {
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let salt = argon2::password_hash::try_generate_salt().context("no randomness for a salt")?;
    let mut buffer = [0u8; Output::MAX_LENGTH];
    let out = &mut buffer[..params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN)];
    argon
        .hash_password_into_with_memory(password, &salt, out, memory.blocks(params.block_count()))
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params).map_err(|e| anyhow::anyhow!("argon2: {e}"))?,
        salt: Some(Salt::new(&salt).map_err(|e| anyhow::anyhow!("argon2: {e}"))?),
        hash: Some(Output::new(out).map_err(|e| anyhow::anyhow!("argon2: {e}"))?),
    };
    Ok(phc.to_string())
}

/// What `Argon2::verify_password` does (the stored hash's algorithm, version and parameters;
/// a constant-time comparison of the outputs), with the worker's memory. A hash that does
/// not parse is an error; one that cannot be recomputed (unknown algorithm, bad parameters)
/// does not match.
fn verify_in(memory: &mut Memory, password: &[u8], stored: &str) -> anyhow::Result<bool> {
    let parsed = PasswordHash::new(stored).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return Ok(false);
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm.as_str()) else {
        return Ok(false);
    };
    let Ok(version) = parsed.version.map(Version::try_from).transpose() else {
        return Ok(false);
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return Ok(false);
    };
    let blocks = memory.blocks(params.block_count());
    let argon = Argon2::new(algorithm, version.unwrap_or_default(), params);
    let mut buffer = [0u8; Output::MAX_LENGTH];
    let Some(out) = buffer.get_mut(..expected.len()) else {
        return Ok(false);
    };
    if argon
        .hash_password_into_with_memory(password, salt, out, blocks)
        .is_err()
    {
        return Ok(false);
    }
    Ok(Output::new(out).is_ok_and(|computed| computed == *expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};

    #[tokio::test]
    async fn hashes_with_argon2id_at_owasp_minimum_and_verifies() {
        let hasher = PasswordHasher::new().unwrap();
        let hash = hasher.hash("correct horse").await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(hasher.verify("correct horse", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("wrong horse", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("correct horse", None).await.unwrap());
        assert_ne!(
            hash,
            hasher.hash("correct horse").await.unwrap(),
            "salt must differ"
        );
    }

    fn reference(params: Params) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    /// Made by the code before the hashing workers (`Argon2::hash_password`, through
    /// `todo-api create-user`): hashes stored today must keep verifying.
    const EXISTING: &str = "$argon2id$v=19$m=19456,t=2,p=1$vBdp4hSJAVtX+FJrzkGzng$tunJMeohteJ9j6LRleu60PxXanP6WvitJW+4dvHPjWY";

    #[tokio::test]
    async fn verifies_hashes_made_by_the_argon2_crate_and_makes_ones_it_verifies() {
        let hasher = PasswordHasher::new().unwrap();
        assert!(
            hasher
                .verify("correct horse", Some(EXISTING))
                .await
                .unwrap()
        );
        assert!(!hasher.verify("wrong horse", Some(EXISTING)).await.unwrap());
        assert!(!hasher.needs_rehash(EXISTING));

        let argon = reference(hasher.params.clone());
        let ours = hasher.hash("correct horse").await.unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(argon.verify_password(b"correct horse", &parsed).is_ok());
        assert!(argon.verify_password(b"wrong horse", &parsed).is_err());
        // Byte for byte what the crate's own API makes with the same salt.
        let salt = parsed.salt.unwrap();
        let theirs = argon
            .hash_password_with_salt(b"correct horse", &salt)
            .unwrap();
        assert_eq!(ours, theirs.to_string());
    }

    #[test]
    fn one_memory_serves_stored_hashes_of_other_sizes() {
        let mut memory = Memory::default();
        for (m, t) in [
            (MEMORY_KIB, ITERATIONS),
            (64, 1),
            (4096, 3),
            (MEMORY_KIB, ITERATIONS),
        ] {
            let params = Params::new(m, t, 1, None).unwrap();
            let theirs = reference(params.clone())
                .hash_password(b"pw")
                .unwrap()
                .to_string();
            assert!(
                verify_in(&mut memory, b"pw", &theirs).unwrap(),
                "m={m} t={t}"
            );
            assert!(
                !verify_in(&mut memory, b"px", &theirs).unwrap(),
                "m={m} t={t}"
            );
            let ours = hash_in(&mut memory, &params, b"pw").unwrap();
            assert!(
                reference(params)
                    .verify_password(b"pw", &PasswordHash::new(&ours).unwrap())
                    .is_ok()
            );
        }
        let argon2i = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x10,
            Params::new(64, 1, 1, None).unwrap(),
        )
        .hash_password(b"pw")
        .unwrap()
        .to_string();
        assert!(
            verify_in(&mut memory, b"pw", &argon2i).unwrap(),
            "older hashes verify too"
        );
        assert!(verify_in(&mut memory, b"pw", "not a hash").is_err());
    }
}
