//! The command line: one clap `Args` struct per command, and what each command prints.

use clap::{Args, Parser, Subcommand};
use std::net::IpAddr;
use std::path::PathBuf;

use crate::config::{Language, ScormVersion};

/// aula: Markdown lessons in, a themed, searchable training site out.
#[derive(Parser, Debug)]
#[command(name = "aula", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// The language of aula's messages and of the files `init` and `new` write: es or en
    /// (default: AULA_LANG, else the site's `language`, else the locale)
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_language)]
    pub lang: Option<Language>,
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "\
Examples:
  aula init mi-academia            create a new site with a sample course
  aula serve --open                preview while you write: rebuilds and reloads on save
  aula build                       build the site in this folder into public/
  aula build --strict              fail on warnings too (what CI should run)
  aula check                       validate everything, write nothing
  aula new lesson servicio/03-decir-no.md \"Saber decir no\"

Exit codes: 0 success, 1 content errors, 2 usage or internal errors.";

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (public/ by default)
    #[command(after_help = "\
Examples:
  aula build
  aula build --strict --base-url https://org.github.io/curso/
  aula build --drafts -o /tmp/preview
  aula build --scorm 1.2               also a SCORM package per course, in public/scorm/
  aula build --root ../otra-academia")]
    Build(BuildArgs),
    /// Build, serve on 127.0.0.1, rebuild what changed on every save and reload the browser
    #[command(after_help = "\
Examples:
  aula serve --open
  aula serve --port 8080 --drafts
  aula serve --base-path /curso/      preview a site published under a subpath
  aula serve --poll                   network drives, WSL and containers, where file events do not arrive

Content and template errors are printed and shown over the page; the server keeps running and
picks up the next good save. Requests for other host names than localhost and IP addresses are
refused, so web pages cannot read the preview through DNS rebinding.")]
    Serve(ServeArgs),
    /// Run every check of a build without writing anything
    #[command(after_help = "\
Examples:
  aula check
  aula check --strict --root ../otra-academia")]
    Check(CheckArgs),
    /// Create a new site with a sample course that shows, and explains, what a lesson can hold
    #[command(after_help = "\
Examples:
  aula init                       in the current folder
  aula init mi-academia           in a new folder, in the language of AULA_LANG or the locale
  aula init academy --lang en     in English

Nothing is overwritten: a folder with an aula.yaml, a content/ folder or any of the sample's
files is refused.")]
    Init(InitArgs),
    /// Create a new file with front matter
    #[command(subcommand)]
    New(NewCommand),
}

#[derive(Args, Debug, Clone)]
pub struct SiteArgs {
    /// The site folder (the one with aula.yaml)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Include lessons and sections marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Treat warnings (broken links, unknown keys, missing alt text) as errors
    #[arg(long)]
    pub strict: bool,
    /// Print the time each stage took
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The absolute URL the site is published at (for the sitemap, feed and canonical links)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The output folder (default: `output_dir` from aula.yaml, else public/)
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Also write a SCORM package of each course for LMSs, in scorm/ (overrides `scorm:` in aula.yaml)
    #[arg(long, value_name = "VERSION", value_parser = parse_scorm)]
    pub scorm: Option<ScormVersion>,
}

fn parse_scorm(text: &str) -> Result<ScormVersion, String> {
    ScormVersion::parse(text).ok_or_else(|| format!("`{text}` is not a SCORM version aula writes: use 1.2 or 2004"))
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; anything but a loopback address exposes the preview to the network
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
    /// Look for changes by polling instead of file events (network drives, WSL, containers)
    #[arg(long)]
    pub poll: bool,
    /// Serve the site under this path, as it will be published (e.g. /curso/)
    #[arg(long, value_name = "PATH", default_value = "/")]
    pub base_path: String,
    /// Where to write the site (default: a temporary folder, deleted on exit)
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Where to create the site (default: the current folder)
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Subcommand, Debug)]
pub enum NewCommand {
    /// A new lesson, in the site's language: `aula new lesson servicio/03-decir-no.md "Saber decir no"`
    Lesson {
        /// Path of the lesson under content/ (".md" is added if missing)
        path: PathBuf,
        /// The lesson's title
        title: String,
        /// The site folder (the one with aula.yaml)
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
}

fn parse_language(code: &str) -> Result<Language, String> {
    Language::parse(code).ok_or_else(|| format!("`{code}` is not a language aula speaks: use es or en"))
}
