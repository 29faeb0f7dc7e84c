pub mod config;
pub mod content;
pub mod diagnostics;
pub mod markdown;
pub mod yaml;
