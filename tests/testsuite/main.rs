//! The integration tests: one binary, a fixture folder per case under `tests/fixtures/`.
//! `support` holds the `SiteTest` helper; each module covers one area.

mod server;
mod support;

mod a11y;
mod bench;
mod browser;
mod build;
mod cli;
mod corpora;
mod diagnostics;
mod fuzz;
mod incremental;
mod layout;
mod learner;
mod listing;
mod lms;
mod messages;
mod output;
mod package;
mod packaged;
mod report;
mod search;
mod serve;
mod training;
