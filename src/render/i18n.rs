//! UI strings of the theme in the site's language, and dates written the way that language
//! writes them ("22 de noviembre de 2026", "November 22, 2026").

use std::collections::BTreeMap;

use crate::markdown::Labels;
use crate::markdown::blocks::BlockKind;
use crate::markdown::code::CodeLabels;
use crate::markdown::quiz::QuizLabels;

/// The theme's `i18n/<lang>.yaml`: flat keys to strings, plus `months` (twelve names) and
/// `date_format` (with `{day}`, `{month}`, `{year}`).
pub struct Strings {
    map: BTreeMap<String, serde_yaml::Value>,
}

impl Strings {
    pub fn new(map: BTreeMap<String, serde_yaml::Value>) -> Self {
        Strings { map }
    }

    pub fn map(&self) -> &BTreeMap<String, serde_yaml::Value> {
        &self.map
    }

    /// The string for `key`, or the key itself so a missing string shows instead of breaking.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).and_then(|v| v.as_str()).unwrap_or(key)
    }

    /// The words Markdown rendering needs.
    pub fn labels(&self) -> Labels {
        Labels {
            note: self.get("alert_note").to_string(),
            tip: self.get("alert_tip").to_string(),
            important: self.get("alert_important").to_string(),
            warning: self.get("alert_warning").to_string(),
            caution: self.get("alert_caution").to_string(),
            anchor: self.get("anchor_link").to_string(),
            footnotes: self.get("footnotes").to_string(),
            back_to_text: self.get("back_to_text").to_string(),
            blocks: BlockKind::ALL.map(|kind| self.get(&format!("block_{}", kind.name())).to_string()),
            quiz: QuizLabels {
                title: self.get("quiz_title").to_string(),
                check: self.get("quiz_check").to_string(),
                correct: self.get("quiz_correct").to_string(),
                incorrect: self.get("quiz_incorrect").to_string(),
                show_answer: self.get("quiz_show_answer").to_string(),
                right_option: self.get("quiz_right_option").to_string(),
                wrong_option: self.get("quiz_wrong_option").to_string(),
                select_all: self.get("quiz_select_all").to_string(),
                choose: self.get("quiz_choose").to_string(),
            },
            code: CodeLabels {
                code: self.get("code_label").to_string(),
                copy: self.get("code_copy").to_string(),
                copied: self.get("code_copied").to_string(),
                output: self.get("code_output").to_string(),
                error: self.get("code_error").to_string(),
            },
        }
    }

    /// A date as readers of this language write it.
    pub fn format_date(&self, date: jiff::civil::Date) -> String {
        let month_index = usize::try_from(date.month() - 1).unwrap_or(0);
        let month = self
            .map
            .get("months")
            .and_then(|m| m.as_sequence())
            .and_then(|m| m.get(month_index))
            .and_then(|m| m.as_str())
            .map_or_else(|| date.month().to_string(), str::to_string);
        let format = self.map.get("date_format").and_then(|f| f.as_str()).unwrap_or("{year}-{month}-{day}");
        format
            .replace("{day}", &date.day().to_string())
            .replace("{month}", &month)
            .replace("{year}", &date.year().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(yaml: &str) -> Strings {
        Strings::new(serde_yaml::from_str(yaml).unwrap())
    }

    #[test]
    fn dates_in_each_language() {
        let date: jiff::civil::Date = "2026-11-02".parse().unwrap();
        let es = strings(
            "months: [enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, noviembre, diciembre]\ndate_format: \"{day} de {month} de {year}\"\n",
        );
        assert_eq!(es.format_date(date), "2 de noviembre de 2026");
        let en = strings(
            "months: [January, February, March, April, May, June, July, August, September, October, November, December]\ndate_format: \"{month} {day}, {year}\"\n",
        );
        assert_eq!(en.format_date(date), "November 2, 2026");
    }

    #[test]
    fn missing_strings_show_their_key() {
        assert_eq!(strings("a: b\n").get("zzz"), "zzz");
    }

    /// Both shipped languages have the same keys, so switching language never breaks a template.
    #[test]
    fn shipped_languages_have_the_same_keys() {
        let load = |lang: &str| -> BTreeMap<String, serde_yaml::Value> {
            let path = format!("{}/themes/default/i18n/{lang}.yaml", env!("CARGO_MANIFEST_DIR"));
            serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
        };
        let es: Vec<_> = load("es").into_keys().collect();
        let en: Vec<_> = load("en").into_keys().collect();
        assert_eq!(es, en);
        assert!(es.len() > 20);
    }
}
