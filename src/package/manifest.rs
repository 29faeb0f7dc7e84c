//! `imsmanifest.xml`: the package as an LMS imports it. Its organization is the course's tree
//! (the course page, then its modules with their lessons, in reading order); every item starts
//! the one SCO, the launch page, at its own page (`?page=`), and the SCO's resource lists every
//! file of the package.
//!
//! SCORM 2004 (4th edition) keeps the default sequencing, with two rollup rules: each launch
//! reports the whole course, so a module or the course is completed (or satisfied) as soon as
//! any of its items is.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use std::fmt::Write as _;

use super::{Course, LAUNCH_PAGE, escape};
use crate::config::{Scorm, ScormVersion};
use crate::content::Child;

/// Characters escaped in the paths of `href`s and `?page=` parameters.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

const SCO: &str = "SCO";

const HEAD_1_2: &str = r#"<manifest identifier="{id}" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
"#;

const HEAD_2004: &str = r#"<manifest identifier="{id}" version="1.0" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
"#;

/// The sequencing of the course and of each module (2004): free choice and flow, and rollup
/// from any one item, since every item reports the whole course.
const SEQUENCING_2004: &str = r#"<imsss:sequencing>
  <imsss:controlMode choice="true" flow="true"/>
  <imsss:rollupRules>
    <imsss:rollupRule childActivitySet="any">
      <imsss:rollupConditions><imsss:rollupCondition condition="completed"/></imsss:rollupConditions>
      <imsss:rollupAction action="completed"/>
    </imsss:rollupRule>
    <imsss:rollupRule childActivitySet="any">
      <imsss:rollupConditions><imsss:rollupCondition condition="satisfied"/></imsss:rollupConditions>
      <imsss:rollupAction action="satisfied"/>
    </imsss:rollupRule>
  </imsss:rollupRules>
</imsss:sequencing>
"#;

/// The manifest of `course`, whose package holds `files` (site-relative paths, the launch
/// page among them).
pub(super) fn manifest<'a>(course: &Course<'_>, scorm: &Scorm, files: impl Iterator<Item = &'a str>) -> String {
    let v2004 = scorm.version == ScormVersion::V2004;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let id = format!("aula-{}", identifier_part(course.url()));
    xml.push_str(&(if v2004 { HEAD_2004 } else { HEAD_1_2 }).replace("{id}", &escape(&id)));
    let title = escape(course.title());
    let organization_attributes = if v2004 { r#" adlseq:objectivesGlobalToSystem="false""# } else { "" };
    let _ = write!(
        xml,
        "  <organizations default=\"ORG\">\n    <organization identifier=\"ORG\"{organization_attributes}>\n      <title>{title}</title>\n"
    );
    let mut items = Items { xml: &mut xml, course, v2004, next: 0 };
    items.leaf(3, course.title(), &format!("{}index.html", course.url()));
    items.children(3, course.section);
    if v2004 {
        indent_into(&mut xml, SEQUENCING_2004, 3);
    }
    xml.push_str("    </organization>\n  </organizations>\n  <resources>\n");
    let scorm_type = if v2004 { "adlcp:scormType" } else { "adlcp:scormtype" };
    let _ = writeln!(
        xml,
        "    <resource identifier=\"{SCO}\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"{LAUNCH_PAGE}\">"
    );
    for file in files {
        let _ = writeln!(xml, "      <file href=\"{}\"/>", escape(&encode(file)));
    }
    xml.push_str("    </resource>\n  </resources>\n</manifest>\n");
    xml
}

/// The items of the organization, written as they come, each with the next identifier.
struct Items<'x, 'c> {
    xml: &'x mut String,
    course: &'x Course<'c>,
    v2004: bool,
    next: usize,
}

impl Items<'_, '_> {
    fn identifier(&mut self) -> String {
        self.next += 1;
        format!("ITEM-{}", self.next)
    }

    /// An item that launches the SCO at `page`.
    fn leaf(&mut self, depth: usize, title: &str, page: &str) {
        let id = self.identifier();
        let pad = "  ".repeat(depth);
        let _ = write!(
            self.xml,
            "{pad}<item identifier=\"{id}\" identifierref=\"{SCO}\" parameters=\"?page={}\">\n{pad}  <title>{}</title>\n{pad}</item>\n",
            escape(&encode(page)),
            escape(title)
        );
    }

    /// The items of section `section`'s children: lessons launch, modules hold theirs (a module
    /// without lessons has no item: an item either launches or holds others).
    fn children(&mut self, depth: usize, section: usize) {
        let site = self.course.site;
        for child in self.course.children(section) {
            match *child {
                Child::Lesson(l) => {
                    let lesson = &site.lessons[l];
                    self.leaf(depth, &lesson.title, &format!("{}index.html", lesson.url));
                }
                Child::Section(s) if site.sections[s].lesson_count > 0 => {
                    let id = self.identifier();
                    let pad = "  ".repeat(depth);
                    let _ = write!(
                        self.xml,
                        "{pad}<item identifier=\"{id}\">\n{pad}  <title>{}</title>\n",
                        escape(&site.sections[s].title)
                    );
                    self.children(depth + 1, s);
                    if self.v2004 {
                        indent_into(self.xml, SEQUENCING_2004, depth + 1);
                    }
                    let _ = writeln!(self.xml, "{pad}</item>");
                }
                Child::Section(_) => {}
            }
        }
    }
}

/// Appends the lines of `block`, indented `depth` levels.
fn indent_into(xml: &mut String, block: &str, depth: usize) {
    let pad = "  ".repeat(depth);
    for line in block.lines() {
        let _ = writeln!(xml, "{pad}{line}");
    }
}

/// A path as the manifest's URIs write it.
fn encode(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// What of `text` may be in an XML identifier (letters, digits, `-`, `_`, `.`); the rest is `_`.
fn identifier_part(text: &str) -> String {
    text.trim_end_matches('/')
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' })
        .collect()
}
