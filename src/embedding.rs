//! Running inside a company portal: the page's address options and who may
//! hand it a file.
//!
//! A portal embeds Tierlens in an `<iframe>` at any path, e.g.
//! `tierlens/index.html?lang=zh&embed=1`: `lang` (`zh` or `en`) overrides the
//! browser's language and `embed=1` hides Tierlens's own header. The portal
//! may then send a file's bytes with `postMessage` (see
//! `public/embed-example.html`); the page takes them only from its own
//! origin and from the origins listed in the `tierlens-embed-origins` meta
//! tag of `index.html`, which whoever hosts the page edits. Nothing is
//! fetched and nothing is sent anywhere: the bytes arrive from the parent
//! window, already in the browser. Pure code, tested natively.

use crate::format::Locale;

/// What the page's address asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageOptions {
    pub locale: Option<Locale>,
    pub embedded: bool,
}

/// Reads `?lang=zh&embed=1` (the leading `?` optional; unknown keys and
/// values are ignored, a bad value never fails the page).
pub fn page_options(query: &str) -> PageOptions {
    let mut options = PageOptions::default();
    for pair in query.trim_start_matches('?').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match (key, value.to_ascii_lowercase().as_str()) {
            ("lang", v) if v.starts_with("zh") => options.locale = Some(Locale::Zh),
            ("lang", v) if v.starts_with("en") => options.locale = Some(Locale::En),
            ("embed", "1" | "true" | "yes") => options.embedded = true,
            _ => {}
        }
    }
    options
}

/// Whether a message from `origin` may hand the page a file: the page's own
/// origin, or one listed (separated by spaces or commas) in `allowed`.
/// Origins compare exactly, as browsers serialise them (`https://host:port`);
/// `null` (sandboxed frames, files) and `*` are never accepted.
pub fn origin_allowed(origin: &str, own: &str, allowed: &str) -> bool {
    if origin.is_empty() || origin == "null" {
        return false;
    }
    origin == own
        || allowed
            .split([' ', ',', '\n', '\t'])
            .map(|o| o.trim().trim_end_matches('/'))
            .any(|o| o != "*" && !o.is_empty() && o == origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_sets_language_and_embedding() {
        assert_eq!(
            page_options("?lang=zh&embed=1"),
            PageOptions {
                locale: Some(Locale::Zh),
                embedded: true
            }
        );
        assert_eq!(page_options("lang=en-GB").locale, Some(Locale::En));
        assert_eq!(page_options("lang=zh-CN").locale, Some(Locale::Zh));
        assert_eq!(page_options(""), PageOptions::default());
        assert_eq!(page_options("?lang=fr&embed=0&x"), PageOptions::default());
    }

    #[test]
    fn only_the_own_and_listed_origins_may_send_files() {
        let own = "https://tools.example.cn";
        let list = "https://portal.example.cn, https://crm.example.cn/";
        assert!(origin_allowed(own, own, ""));
        assert!(origin_allowed("https://portal.example.cn", own, list));
        assert!(origin_allowed("https://crm.example.cn", own, list));
        assert!(!origin_allowed("https://evil.example", own, list));
        assert!(!origin_allowed(
            "https://portal.example.cn.evil.example",
            own,
            list
        ));
        assert!(!origin_allowed("null", own, "null"));
        assert!(!origin_allowed("https://any.example", own, "*"));
        assert!(!origin_allowed("", own, ""));
    }
}
