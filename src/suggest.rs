//! "Did you mean …?": the message ID a mistyped one was probably meant to
//! be. One rule, used by `check` (an entry whose ID is no message) and by
//! `extract` (which moves such an entry under `## Obsolete`), so that both
//! suggest the same ID.

/// The ID among `candidates` closest to `id` (Levenshtein distance), if
/// it is close: at most 3 edits, or an eighth of the candidate's length
/// for long IDs. Ties go to the first ID in sort order, so the suggestion
/// does not depend on the candidates' order.
pub fn closest_id<'a>(id: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(c, id), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 8))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest_id;

    #[test]
    fn a_typo_finds_its_id_and_a_stranger_finds_none() {
        let ids = ["install-intro", "getting-started", "install-outro"];
        assert_eq!(closest_id("instal-intro", ids), Some("install-intro"));
        assert_eq!(closest_id("unrelated-thing", ids), None);
        // Equally close: the first in sort order, whatever the order given.
        let tie = ["b-x", "a-x"];
        assert_eq!(closest_id("c-x", tie), Some("a-x"));
    }
}
