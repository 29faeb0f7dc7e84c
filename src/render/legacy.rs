//! What the older Carpentries markup of a page (see [`crate::markdown::kramdown`]) needs to know
//! about the site around it: the way back to its lesson root, its include files, `site.` values.

use crate::content::Site;
use crate::markdown::kramdown::LegacySite;

/// One page, in content-relative folder `dir`, of `site`.
pub struct LegacyPage<'s> {
    site: &'s Site,
    dir: &'s str,
    page_root: String,
}

impl<'s> LegacyPage<'s> {
    pub fn new(site: &'s Site, dir: &'s str) -> LegacyPage<'s> {
        let root = site.legacy_root(dir);
        let depth = |d: &str| if d.is_empty() { 0 } else { d.split('/').count() };
        let up = depth(dir) - depth(root);
        let page_root = if up == 0 { ".".to_string() } else { vec![".."; up].join("/") };
        LegacyPage { site, dir, page_root }
    }
}

impl LegacySite for LegacyPage<'_> {
    fn page_root(&self) -> &str {
        &self.page_root
    }

    fn include(&self, name: &str) -> Option<&str> {
        self.site.include(self.dir, name)
    }

    /// `title` and `url` are the site's; any other key is a scalar of `extra:` in aula.yaml.
    fn site_value(&self, key: &str) -> Option<String> {
        let config = &self.site.config;
        match key {
            "title" => Some(config.title.clone()),
            "url" => config.base_url.as_ref().map(|u| u.as_str().trim_end_matches('/').to_string()),
            _ => match config.extra.get(key)? {
                serde_yaml::Value::String(s) => Some(s.clone()),
                serde_yaml::Value::Number(n) => Some(n.to_string()),
                serde_yaml::Value::Bool(b) => Some(b.to_string()),
                _ => None,
            },
        }
    }
}
