//! The `aula` command: parses arguments, calls the library, prints, and exits with
//! 0 (success), 1 (content errors) or 2 (usage or internal errors).

use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use aula::cli::{BuildArgs, Cli, Command, NewCommand, ServeArgs, SiteArgs};
use aula::{BuildOptions, BuildReport, build, diagnostics, scaffold, serve};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build(BuildArgs { site, base_url, output }) => {
            let options = options(&site, true, base_url, output);
            let report = build(&options)?;
            Ok(finish(&report, &site, "built"))
        }
        Command::Serve(args) => {
            serve::run(serve_options(args))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => {
            let options = options(&args.site, false, None, None);
            let report = build(&options)?;
            Ok(finish(&report, &args.site, "checked"))
        }
        Command::Init(args) => {
            for path in scaffold::init_site(&args.dir)? {
                println!("created {}", path.display());
            }
            println!("next: cd {} && aula serve --open", args.dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::New(NewCommand::Lesson { path, title, root }) => {
            let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
            let file = scaffold::new_lesson(&root, &path, &title, today)?;
            println!("created {}", file.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn options(site: &SiteArgs, write: bool, base_url: Option<String>, output: Option<std::path::PathBuf>) -> BuildOptions {
    BuildOptions { root: site.root.clone(), drafts: site.drafts, strict: site.strict, base_url, output, write }
}

fn serve_options(args: ServeArgs) -> serve::ServeOptions {
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
    }
}

/// Prints the diagnostics and the summary line; the exit code says whether the build failed.
fn finish(report: &BuildReport, site: &SiteArgs, verb: &str) -> ExitCode {
    for d in &report.diagnostics {
        eprintln!("{}", d.display_under(&site.root));
    }
    if site.verbose {
        for (stage, took) in &report.stages {
            eprintln!("  {stage:<24} {:>8.3} s", took.as_secs_f64());
        }
    }
    let (errors, warnings) = diagnostics::count(&report.diagnostics);
    let problems = match (errors, warnings) {
        (0, 0) => String::new(),
        (0, w) => format!(" ({})", plural(w, "warning")),
        (e, w) => format!("{} and {}", plural(e, "error"), plural(w, "warning")),
    };
    let shown = report.output_dir.strip_prefix(".").unwrap_or(&report.output_dir);
    if errors > 0 {
        let kept = if verb == "built" { format!("; {}/ left as it was", shown.display()) } else { String::new() };
        eprintln!("failed with {problems}{kept}");
        return ExitCode::from(1);
    }
    let secs = report.elapsed.as_secs_f64();
    let target = if verb == "built" { format!(" → {}/", shown.display()) } else { String::new() };
    println!(
        "{verb} {} in {} in {secs:.2} s{target}{problems}",
        plural(report.lessons, "lesson"),
        plural(report.courses, "course")
    );
    ExitCode::SUCCESS
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}
