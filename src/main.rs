//! The `aula` command: parses arguments, calls the library, prints, and exits with
//! 0 (success), 1 (content errors) or 2 (usage or internal errors).

use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::process::ExitCode;

use aula::cli::{BuildArgs, Cli, Command, NewCommand, ServeArgs, SiteArgs};
use aula::config::{Config, Language};
use aula::diagnostics;
use aula::messages::{self, Arg};
use aula::{BuildOptions, BuildReport, build, msg, scaffold, serve};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The site's language from the start, so that a run that stops early speaks it too.
    let declared = site_root(&cli.command).and_then(aula::config::language_of_site);
    messages::set_process_language(messages::site_language(cli.lang, declared));
    match run(cli.command, cli.lang) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", msg!("error-run", error = format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

fn run(command: Command, language: Option<Language>) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build(BuildArgs { site, base_url, output, scorm }) => {
            let options = BuildOptions { scorm, ..options(&site, true, base_url, output) };
            let report = build(&options)?;
            Ok(finish(&report, &site, language, true))
        }
        Command::Serve(args) => {
            serve::run(serve_options(args, language))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => {
            let options = options(&args.site, false, None, None);
            let report = build(&options)?;
            Ok(finish(&report, &args.site, language, false))
        }
        Command::Init(args) => {
            let language = messages::site_language(language, None);
            for path in scaffold::init_site(&args.dir, language)? {
                println!("{}", msg!("scaffold-created", path = &path));
            }
            if args.dir == Path::new(".") {
                println!("{}", msg!("scaffold-next-here"));
            } else {
                println!("{}", msg!("scaffold-next", dir = &args.dir));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::New(NewCommand::Lesson { path, title, root }) => new_lesson(&root, &path, &title, language),
    }
}

/// The site folder a command works on, if it works on one.
fn site_root(command: &Command) -> Option<&std::path::Path> {
    match command {
        Command::Build(args) => Some(&args.site.root),
        Command::Serve(args) => Some(&args.site.root),
        Command::Check(args) => Some(&args.site.root),
        Command::Init(_) => None,
        Command::New(NewCommand::Lesson { root, .. }) => Some(root),
    }
}

/// `aula new lesson`: the skeleton in the site's language (`--lang` overrides), or the problems
/// of `aula.yaml` that keep aula from knowing it.
fn new_lesson(root: &Path, path: &Path, title: &str, language: Option<Language>) -> anyhow::Result<ExitCode> {
    let config = match Config::load(root)? {
        Ok(config) => config,
        Err(rejected) => {
            let language = messages::site_language(language, rejected.language);
            for line in diagnostics::printed(&rejected.problems, root, language, false) {
                eprintln!("{line}");
            }
            eprintln!("{}", msg!("scaffold-lesson-config-invalid", path = path).render(language));
            return Ok(ExitCode::from(1));
        }
    };
    let language = messages::site_language(language, Some(config.language));
    messages::set_process_language(language);
    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
    let file = scaffold::new_lesson(root, path, title, language, today)?;
    println!("{}", msg!("scaffold-created", path = &file));
    println!("{}", msg!("scaffold-next-lesson"));
    Ok(ExitCode::SUCCESS)
}

fn options(site: &SiteArgs, write: bool, base_url: Option<String>, output: Option<std::path::PathBuf>) -> BuildOptions {
    BuildOptions {
        root: site.root.clone(),
        drafts: site.drafts,
        strict: site.strict,
        base_url,
        output,
        write,
        ..BuildOptions::default()
    }
}

fn serve_options(args: ServeArgs, language: Option<Language>) -> serve::ServeOptions {
    serve::ServeOptions {
        root: args.site.root,
        drafts: args.site.drafts,
        strict: args.site.strict,
        verbose: args.site.verbose,
        port: args.port,
        bind: args.bind,
        open: args.open,
        poll: args.poll,
        base_path: args.base_path,
        output: args.output,
        language,
    }
}

/// Prints the diagnostics (in the site's language, repeated ones folded unless `--verbose`)
/// and the summary line; the exit code says whether the build failed.
fn finish(report: &BuildReport, site: &SiteArgs, language: Option<Language>, wrote: bool) -> ExitCode {
    let language = messages::site_language(language, report.language);
    messages::set_process_language(language);
    for line in diagnostics::printed(&report.diagnostics, &site.root, language, site.verbose) {
        eprintln!("{line}");
    }
    if site.verbose {
        for (stage, took) in &report.stages {
            let stage = format!("{:<24}", stage.name());
            eprintln!("{}", msg!("stage-time", stage = stage, seconds = Arg::decimal(took.as_secs_f64(), 3)));
        }
    }
    let (errors, warnings) = diagnostics::count(&report.diagnostics);
    let output = format!("{}/", report.output_dir.display());
    let output = output.strip_prefix("./").unwrap_or(&output).to_string();
    if errors > 0 {
        let (errors, warnings) = (msg!("count-errors", count = errors), msg!("count-warnings", count = warnings));
        let failed = if wrote {
            msg!("summary-failed", errors = errors, warnings = warnings, output = output)
        } else {
            msg!("summary-check-failed", errors = errors, warnings = warnings)
        };
        eprintln!("{failed}");
        return ExitCode::from(1);
    }
    let problems = match warnings {
        0 => Arg::Text(String::new()),
        w => msg!("summary-warnings", warnings = msg!("count-warnings", count = w)).into(),
    };
    let (lessons, courses) =
        (msg!("count-lessons", count = report.lessons), msg!("count-courses", count = report.courses));
    let seconds = Arg::decimal(report.elapsed.as_secs_f64(), 2);
    let summary = if wrote {
        msg!(
            "summary-built",
            lessons = lessons,
            courses = courses,
            seconds = seconds,
            output = output,
            problems = problems
        )
    } else {
        msg!("summary-checked", lessons = lessons, courses = courses, seconds = seconds, problems = problems)
    };
    println!("{summary}");
    ExitCode::SUCCESS
}
