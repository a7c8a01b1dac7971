//! Opening a fresh store of each backend for a test.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

use crosscheck_store::PostgresStore;

/// The variable CI sets (after `tools/ci/postgres.sh`) to run the PostgreSQL tests.
pub const POSTGRES_ENV: &str = "CROSSCHECK_TEST_POSTGRES";

/// Set (to anything) by CI, so a missing database fails the tests instead of
/// skipping them.
pub const REQUIRE_ENV: &str = "CROSSCHECK_REQUIRE_POSTGRES";

/// The test database's URL, or `None` (and a note on stderr) when the
/// PostgreSQL tests are to be skipped.
pub fn postgres_url(test: &str) -> Option<String> {
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os(REQUIRE_ENV).is_none(),
                "{REQUIRE_ENV} is set but {POSTGRES_ENV} is not: run tools/ci/postgres.sh"
            );
            eprintln!("skipped {test} on PostgreSQL: {POSTGRES_ENV} is not set");
            None
        }
    }
}

/// A schema name no other test (or test process) uses.
pub fn schema_name(test: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!(
        "t_{}_{}_{}",
        test,
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// A store in a fresh schema of the test database; the schema is dropped when the
/// guard is.
pub struct PgGuard {
    pub url: String,
    pub schema: String,
}

impl Drop for PgGuard {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.url, postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP SCHEMA IF EXISTS \"{}\" CASCADE",
                self.schema
            ));
        }
    }
}

pub fn postgres_store(test: &str) -> Option<(PgGuard, PostgresStore)> {
    let url = postgres_url(test)?;
    let schema = schema_name(test);
    let guard = PgGuard {
        url: url.clone(),
        schema: schema.clone(),
    };
    let store = PostgresStore::open_in_schema(&url, Some(&schema)).expect("open PostgreSQL store");
    Some((guard, store))
}

/// `testdata/store/` of the workspace.
pub fn testdata() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/store")
}
