//! One module per subcommand: parse arguments into settings, call the library,
//! print the outcome.

pub mod analyze;
pub mod archive;
pub mod bench;
pub mod eval;
pub mod generate;
pub mod serve;
pub mod train;

/// A store as it may be printed: a `postgres://user:password@host/db` URL
/// loses its password, which must not end up in logs.
pub fn shown_store(spec: &str) -> String {
    let Some((scheme, rest)) = spec.split_once("://") else {
        return spec.to_string();
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return spec.to_string();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => spec.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::shown_store;

    #[test]
    fn a_store_url_is_shown_without_its_password() {
        assert_eq!(
            shown_store("postgres://news:s3cr@t@db.example:5432/archive"),
            "postgres://news:***@db.example:5432/archive"
        );
        assert_eq!(
            shown_store("postgres://db.example/archive"),
            "postgres://db.example/archive"
        );
        assert_eq!(shown_store("/data/archive.sqlite"), "/data/archive.sqlite");
    }
}
